-- The wire JSON of each session, rendered at every write, so that get and list
-- copy bytes instead of decoding flows and runner states. '' = not rendered yet.
ALTER TABLE sessions ADD COLUMN view TEXT NOT NULL DEFAULT '';
