-- which version of an app is applied to which controller, by whom and when: one row per pair,
-- replaced by each successful apply (the audit log keeps the history)
CREATE TABLE deployments (
  tenant_id      TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  app_id         TEXT NOT NULL,
  controller_id  INTEGER NOT NULL REFERENCES controllers (id) ON DELETE CASCADE,
  version        INTEGER NOT NULL,
  applied_at     TEXT NOT NULL,
  applied_by     TEXT NOT NULL,
  PRIMARY KEY (tenant_id, app_id, controller_id)
);
