-- snapshots: immutable, content-addressed (id = sha256 of the document's content), per tenant and
-- app; the document is kept as canonical JSON so every export of it is the same bytes
CREATE TABLE snapshots (
  tenant_id       TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id              TEXT NOT NULL CHECK (length(id) = 64),
  app_id          TEXT NOT NULL,
  app_version     INTEGER,
  source          TEXT NOT NULL CHECK (source IN ('taken', 'scheduled', 'imported')),
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  stored_at       TEXT NOT NULL,
  controller_id   INTEGER,
  controller_kind TEXT NOT NULL,
  state_version   TEXT NOT NULL,
  size            INTEGER NOT NULL,
  document        TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX snapshots_by_app ON snapshots (tenant_id, app_id, stored_at);

-- one schedule per app: snapshot every N minutes on a controller, keep the newest N scheduled
-- ones, and optionally restore each onto a standby controller (DR), remapped for that site
CREATE TABLE snapshot_schedules (
  tenant_id             TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  app_id                TEXT NOT NULL,
  controller_id         INTEGER NOT NULL REFERENCES controllers (id) ON DELETE CASCADE,
  every_minutes         INTEGER NOT NULL CHECK (every_minutes >= 1),
  keep                  INTEGER NOT NULL CHECK (keep >= 1),
  standby_controller_id INTEGER REFERENCES controllers (id) ON DELETE SET NULL,
  standby_remap         TEXT,
  next_due_ms           INTEGER NOT NULL,
  last_run_at           TEXT,
  last_result           TEXT,
  updated_by            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  PRIMARY KEY (tenant_id, app_id)
);
