-- Keys that narrow a recognition lookup to the faces that can match it, before
-- the runner's rule (Probe.Best) decides among them. That rule folds Unicode
-- case and spaces and compares phones by digits, which SQL cannot index, so the
-- sandbox computes the keys (faceKeys in faces.go). NULL = not computed yet:
-- faces enrolled before this migration are keyed when the sandbox opens.
ALTER TABLE faces ADD COLUMN email_key TEXT;
ALTER TABLE faces ADD COLUMN name_key TEXT;
ALTER TABLE faces ADD COLUMN phone_key TEXT;
CREATE INDEX faces_email_key ON faces(account_id, email_key);
CREATE INDEX faces_name_key ON faces(account_id, name_key);
CREATE INDEX faces_phone_key ON faces(account_id, phone_key);
