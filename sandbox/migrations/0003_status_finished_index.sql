-- Lists filtered by status and sorted by finishedAt walk this index; without it
-- a deep page scans every session of the account to find the status's ones.
CREATE INDEX sessions_status_finished ON sessions(account_id, status, finished_sort, seq);
