-- A visit or scan sent with an Idempotency-Key carries the key into the visit log
-- (docs/decisions/0028-shutdown-idempotency-sessions.md, "A retry after a Redis stall"): a
-- 16-byte hash of the account and the client's key. When a retry after a Redis stall was
-- recorded a second time (the first XADD was applied late, its claim freed), the second entry
-- meets this unique key and is not written: one visit, counted once. NULL for visits without
-- a key (older apps, unregistered visitors); NULLs never collide. Re-runnable as migration
-- 011's column.
SET @add_client_key := (
  SELECT IF(COUNT(*) = 0, 'ALTER TABLE visits ADD COLUMN client_key BINARY(16) NULL', 'SELECT 1')
  FROM information_schema.COLUMNS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'visits' AND COLUMN_NAME = 'client_key'
);
PREPARE add_client_key FROM @add_client_key;
EXECUTE add_client_key;
DEALLOCATE PREPARE add_client_key;

SET @add_client_key_index := (
  SELECT IF(COUNT(*) = 0, 'CREATE UNIQUE INDEX uq_visits_client_key ON visits (client_key)', 'SELECT 1')
  FROM information_schema.STATISTICS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'visits' AND INDEX_NAME = 'uq_visits_client_key'
);
PREPARE add_client_key_index FROM @add_client_key_index;
EXECUTE add_client_key_index;
DEALLOCATE PREPARE add_client_key_index;
