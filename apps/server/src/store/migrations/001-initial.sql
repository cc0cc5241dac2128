-- tenants, users, memberships: who may see and change what
CREATE TABLE tenants (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,
  superuser      INTEGER NOT NULL DEFAULT 0 CHECK (superuser IN (0, 1)),
  created_at     TEXT NOT NULL
);

CREATE TABLE memberships (
  tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'designer', 'admin')),
  PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'designer', 'admin')),
  secret_hash   TEXT NOT NULL,
  created_by    INTEGER NOT NULL REFERENCES users (id),
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  last_used_at  TEXT
);

-- applications and their versions: every save is a new row, never an update
CREATE TABLE applications (
  pk              INTEGER PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  app_id          TEXT NOT NULL,
  name            TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (tenant_id, app_id)
);

CREATE TABLE app_versions (
  app_pk      INTEGER NOT NULL REFERENCES applications (pk) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  design      TEXT NOT NULL,
  author_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  author      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  message     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (app_pk, version)
);

-- controllers (sites): an OVN NB remote or the embedded sandbox, per tenant
CREATE TABLE controllers (
  id          INTEGER PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('ovn', 'sandbox')),
  remote      TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (tenant_id, name)
);

-- who planned/applied/restored what, when, from which version, with which result
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  tenant_id      TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  at             TEXT NOT NULL,
  actor          TEXT NOT NULL,
  action         TEXT NOT NULL,
  app_id         TEXT,
  version        INTEGER,
  controller_id  INTEGER,
  result         TEXT NOT NULL,
  detail         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, id DESC);
