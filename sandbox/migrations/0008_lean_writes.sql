-- Session totals kept as the sessions change, in the same transaction, so that
-- includeTotal for an account, its statuses and a client reference reads at
-- most four rows instead of counting the matches. client_reference_id '' is
-- every session of the account; any other value, that reference's sessions.
CREATE TABLE session_counts (
  account_id          INTEGER NOT NULL,
  client_reference_id TEXT NOT NULL,
  status              TEXT NOT NULL,
  n                   INTEGER NOT NULL,
  PRIMARY KEY (account_id, client_reference_id, status)
) WITHOUT ROWID;
INSERT INTO session_counts(account_id, client_reference_id, status, n)
  SELECT account_id, '', status, COUNT(*) FROM sessions GROUP BY account_id, status;
INSERT INTO session_counts(account_id, client_reference_id, status, n)
  SELECT account_id, client_reference_id, status, COUNT(*) FROM sessions WHERE client_reference_id <> ''
  GROUP BY account_id, client_reference_id, status;
CREATE TRIGGER session_counts_insert AFTER INSERT ON sessions BEGIN
  INSERT INTO session_counts(account_id, client_reference_id, status, n) VALUES (new.account_id, '', new.status, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO session_counts(account_id, client_reference_id, status, n)
    SELECT new.account_id, new.client_reference_id, new.status, 1 WHERE new.client_reference_id <> ''
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER session_counts_update AFTER UPDATE OF account_id, client_reference_id, status ON sessions
WHEN old.status IS NOT new.status OR old.account_id IS NOT new.account_id OR old.client_reference_id IS NOT new.client_reference_id
BEGIN
  UPDATE session_counts SET n = n - 1
    WHERE account_id = old.account_id AND client_reference_id IN ('', old.client_reference_id) AND status = old.status;
  INSERT INTO session_counts(account_id, client_reference_id, status, n) VALUES (new.account_id, '', new.status, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO session_counts(account_id, client_reference_id, status, n)
    SELECT new.account_id, new.client_reference_id, new.status, 1 WHERE new.client_reference_id <> ''
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER session_counts_delete AFTER DELETE ON sessions BEGIN
  UPDATE session_counts SET n = n - 1
    WHERE account_id = old.account_id AND client_reference_id IN ('', old.client_reference_id) AND status = old.status;
END;

-- The trigram index without its per-document sizes (columnsize=0): they serve
-- only ranking, which the sandbox does not do, and cost every stored session
-- one more B-tree write.
CREATE VIRTUAL TABLE session_search_new USING fts5(body, tokenize = 'trigram', columnsize = 0);
INSERT INTO session_search_new(rowid, body) SELECT id, c0 FROM session_search_content;
DROP TABLE session_search;
ALTER TABLE session_search_new RENAME TO session_search;
