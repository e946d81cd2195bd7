-- Operator pages (issue 12; docs/decisions/0023-operator-pages.md).

-- Every role granted or revoked, by the admin pages or the command line: who, whom, when.
-- Append-only for the BFF's account (db/grants.ts): user_roles says what holds now, this says
-- how it came to. `by_user_id` is NULL for the command line (run by whoever has the server).
CREATE TABLE IF NOT EXISTS role_grant_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  role VARCHAR(32) NOT NULL,
  scope VARCHAR(64) NOT NULL,
  action VARCHAR(8) NOT NULL,
  via VARCHAR(8) NOT NULL,
  by_user_id BIGINT UNSIGNED NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_role_grant_log_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A mark keeps its person masked (first 6 and last 4 of the ID number) for the authority's
-- list: the ID number itself is only a blind index here, and the person may have no record
-- the city could unseal. Marks set before this migration have NULL (the list then reads the
-- person's record, where there is one). Re-runnable as 011 is: information_schema says
-- whether the column is there (MySQL 8 has no ADD COLUMN IF NOT EXISTS).
SET @add_id_masked := (
  SELECT IF(COUNT(*) = 0, 'ALTER TABLE marks ADD COLUMN id_masked VARCHAR(20) NULL', 'SELECT 1')
  FROM information_schema.COLUMNS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'marks' AND COLUMN_NAME = 'id_masked'
);
PREPARE add_id_masked FROM @add_id_masked;
EXECUTE add_id_masked;
DEALLOCATE PREPARE add_id_masked;

-- The authority's list, newest first within its districts.
SET @add_marks_district := (
  SELECT IF(COUNT(*) = 0, 'CREATE INDEX ix_marks_district ON marks (district, id)', 'SELECT 1')
  FROM information_schema.STATISTICS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'marks' AND INDEX_NAME = 'ix_marks_district'
);
PREPARE add_marks_district FROM @add_marks_district;
EXECUTE add_marks_district;
DEALLOCATE PREPARE add_marks_district;
