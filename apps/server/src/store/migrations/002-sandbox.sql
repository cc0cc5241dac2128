-- what the embedded sandbox controller holds as applied, per app (tenant/id)
CREATE TABLE sandbox_apps (
  app_key TEXT PRIMARY KEY,
  app_json TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  applied_at TEXT NOT NULL
);
