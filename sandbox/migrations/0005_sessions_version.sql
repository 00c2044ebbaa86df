-- A counter that every change to sessions bumps in the same transaction. A
-- total remembered with the counter's value is still right while the value is
-- unchanged, so includeTotal need not recount when pages of one list follow
-- each other (or the same list is polled) without writes in between. Other
-- processes sharing the file bump it too.
CREATE TABLE sessions_version (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);
INSERT INTO sessions_version(id, v) VALUES (1, 0);
CREATE TRIGGER sessions_version_insert AFTER INSERT ON sessions BEGIN UPDATE sessions_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER sessions_version_update AFTER UPDATE ON sessions BEGIN UPDATE sessions_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER sessions_version_delete AFTER DELETE ON sessions BEGIN UPDATE sessions_version SET v = v + 1 WHERE id = 1; END;
