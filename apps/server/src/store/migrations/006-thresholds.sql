-- rate limits set on an app (all its ports) or on one NIC's port, one per target and direction
CREATE TABLE thresholds (
  tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  app_id     TEXT NOT NULL,
  target     TEXT NOT NULL,
  direction  TEXT NOT NULL CHECK (direction IN ('in', 'out', 'both')),
  bps        REAL NOT NULL CHECK (bps > 0),
  set_by     TEXT NOT NULL,
  set_at     TEXT NOT NULL,
  PRIMARY KEY (tenant_id, app_id, target, direction)
);

-- each crossing of a threshold; cleared_at_ms stays NULL while the rate is still over it
CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id      TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  app_id         TEXT NOT NULL,
  target         TEXT NOT NULL,
  direction      TEXT NOT NULL,
  limit_bps      REAL NOT NULL,
  bps            REAL NOT NULL,
  raised_at_ms   INTEGER NOT NULL,
  cleared_at_ms  INTEGER
);
CREATE INDEX alerts_active ON alerts (tenant_id, app_id) WHERE cleared_at_ms IS NULL;
