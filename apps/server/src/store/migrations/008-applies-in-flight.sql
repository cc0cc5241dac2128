-- an apply between the controller commit and its recorded outcome: written before the commit,
-- deleted with the outcome in one transaction; a row still here after a restart is an apply
-- whose server died mid-way, reconciled at start by reading the app back from the controller
CREATE TABLE applies_in_flight (
  id                INTEGER PRIMARY KEY,
  tenant_id         TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  app_id            TEXT NOT NULL,
  version           INTEGER NOT NULL,
  controller_id     INTEGER NOT NULL REFERENCES controllers (id) ON DELETE CASCADE,
  previous_version  INTEGER,
  actor             TEXT NOT NULL,
  action            TEXT NOT NULL,
  plan_id           TEXT NOT NULL,
  changes           INTEGER NOT NULL,
  design            TEXT NOT NULL,
  detail            TEXT NOT NULL DEFAULT '{}',
  started_at        TEXT NOT NULL
);
