-- The hosted page (/verify): captured images live outside the session row,
-- a refreshed secret is remembered so its page can say it was replaced, and
-- the key that signs media URLs is made once per database, so links stay
-- valid across restarts until they expire.
CREATE TABLE media (
  id           TEXT PRIMARY KEY,
  account_id   INTEGER NOT NULL,
  session_id   TEXT NOT NULL,
  node_id      TEXT NOT NULL,
  kind         TEXT NOT NULL,          -- screenshot | document
  content_type TEXT NOT NULL,
  data         BLOB NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX media_by_session ON media(session_id);

CREATE TABLE retired_secrets (
  secret      TEXT PRIMARY KEY,
  session_seq INTEGER NOT NULL,
  retired_at  INTEGER NOT NULL
);

CREATE TABLE signing_keys (
  name TEXT PRIMARY KEY,
  key  BLOB NOT NULL
);
INSERT INTO signing_keys(name, key) VALUES ('media', randomblob(32));
