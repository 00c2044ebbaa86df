-- The same SQL runs on SQLite and PostgreSQL. Times are Unix seconds.

-- Demo sign-in: a session cookie's token, hashed, and the email it signed in.
CREATE TABLE sign_ins (
    token_hash TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- One row per verification, written before the user sees the hosted page.
-- Only what the decision needs is kept: the user's email, the start page's
-- fields, FaceSign's session id and status, and the decision.
CREATE TABLE verifications (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL,
    details     TEXT NOT NULL DEFAULT '{}',
    facesign_id TEXT UNIQUE,
    status      TEXT NOT NULL,
    status_rank INTEGER NOT NULL DEFAULT 0,
    decision    TEXT NOT NULL DEFAULT 'pending',
    reason      TEXT NOT NULL DEFAULT '',
    failed_node TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    decided_at  BIGINT
);
CREATE INDEX verifications_email_created ON verifications (email, created_at);
CREATE INDEX verifications_created ON verifications (created_at);

-- Webhook events by id: a delivery is processed once, whichever instance
-- receives it and however often it is repeated.
CREATE TABLE webhook_events (
    id           TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    claimed_at   BIGINT NOT NULL,
    processed_at BIGINT
);

-- Devices bound to a user by an approved device-recovery verification.
CREATE TABLE devices (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL,
    label           TEXT NOT NULL,
    verification_id TEXT NOT NULL UNIQUE,
    created_at      BIGINT NOT NULL
);
CREATE INDEX devices_email ON devices (email);
