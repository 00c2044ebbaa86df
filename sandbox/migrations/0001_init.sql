-- Times are Unix milliseconds; the wire carries seconds, but lists sort and page
-- on the finer value so that sessions created in one second keep their order.

CREATE TABLE accounts (
  id         INTEGER PRIMARY KEY,
  key_hash   TEXT NOT NULL UNIQUE, -- hex SHA-256 of the API key; the key itself is never stored
  key_hint   TEXT NOT NULL,        -- "sk_test_…abcd", for logs and the dashboard
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  seq                 INTEGER PRIMARY KEY, -- keyset tiebreaker, insertion order
  id                  TEXT NOT NULL UNIQUE,
  account_id          INTEGER NOT NULL REFERENCES accounts(id),
  created_at          INTEGER NOT NULL,
  started_at          INTEGER,
  finished_at         INTEGER,
  finished_sort       INTEGER NOT NULL DEFAULT 0, -- finished_at or 0, so keyset paging has no NULLs
  status              TEXT NOT NULL,
  status_rank         INTEGER NOT NULL,
  client_reference_id TEXT NOT NULL DEFAULT '',
  flow_id             TEXT NOT NULL,
  settings            TEXT NOT NULL, -- JSON, as echoed on the session
  state               TEXT NOT NULL, -- JSON: the runner's state (transcript, node reports, position)
  last_activity_at    INTEGER NOT NULL,
  revision            INTEGER NOT NULL DEFAULT 0 -- bumped on every state write (optimistic concurrency)
);
CREATE INDEX sessions_by_created  ON sessions(account_id, created_at, seq);
CREATE INDEX sessions_by_finished ON sessions(account_id, finished_sort, seq);
CREATE INDEX sessions_by_status   ON sessions(account_id, status_rank, seq);
CREATE INDEX sessions_status_created ON sessions(account_id, status, created_at, seq);
CREATE INDEX sessions_ref_created  ON sessions(account_id, client_reference_id, created_at, seq);
CREATE INDEX sessions_flow_created ON sessions(account_id, flow_id, created_at, seq);
CREATE INDEX sessions_open ON sessions(status, last_activity_at) WHERE status IN ('requiresInput', 'processing');

-- Free-text search over id, clientReferenceId, metadata values and transcript.
-- The trigram tokenizer makes substring search an index lookup.
CREATE VIRTUAL TABLE session_search USING fts5(body, tokenize = 'trigram');

CREATE TABLE client_secrets (
  session_seq INTEGER PRIMARY KEY REFERENCES sessions(seq) ON DELETE CASCADE, -- one current secret per session
  secret      TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  expire_at   INTEGER NOT NULL
);

CREATE TABLE events (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  account_id  INTEGER NOT NULL REFERENCES accounts(id),
  session_id  TEXT NOT NULL,
  type        TEXT NOT NULL,
  status      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  body        TEXT NOT NULL -- the exact bytes signed and sent
);

CREATE TABLE webhook_endpoints (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  url        TEXT NOT NULL,
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  deleted_at INTEGER -- kept for the delivery log; deleted endpoints get no new deliveries
);
CREATE INDEX webhook_endpoints_account ON webhook_endpoints(account_id, seq);

-- A delivery is one event for one endpoint; attempts are its tries.
CREATE TABLE deliveries (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  event_seq       INTEGER NOT NULL REFERENCES events(seq),
  endpoint_seq    INTEGER NOT NULL REFERENCES webhook_endpoints(seq),
  state           TEXT NOT NULL, -- pending | delivered | retrying | failed
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,       -- NULL once delivered or failed
  created_at      INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX deliveries_endpoint ON deliveries(endpoint_seq, seq);

CREATE TABLE delivery_attempts (
  seq           INTEGER PRIMARY KEY,
  delivery_seq  INTEGER NOT NULL REFERENCES deliveries(seq),
  attempt       INTEGER NOT NULL,
  status_code   INTEGER NOT NULL,
  error         TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL,
  attempted_at  INTEGER NOT NULL,
  next_retry_at INTEGER
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts(delivery_seq, attempt);

CREATE TABLE faces (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  account_id  INTEGER NOT NULL REFERENCES accounts(id),
  name        TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  company     TEXT NOT NULL DEFAULT '',
  job_title   TEXT NOT NULL DEFAULT '',
  enrolled_at INTEGER NOT NULL,
  session_id  TEXT NOT NULL
);
CREATE INDEX faces_account ON faces(account_id, seq);

CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  recipient  TEXT NOT NULL,
  channel    TEXT NOT NULL,
  code       TEXT NOT NULL,
  session_id TEXT NOT NULL,
  node_id    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expire_at  INTEGER NOT NULL
);
CREATE INDEX outbox_account ON outbox(account_id, seq);
