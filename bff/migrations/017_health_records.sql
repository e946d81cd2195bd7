-- Nucleic-acid test results and vaccinations (docs/decisions/0026-health-records.md), from two
-- signed feeds in the style of the provincial one. Keyed, like provincial_states, by the
-- ID-number blind index: a record can arrive before its person registers here and is shown
-- as soon as they do. Nothing here names a person; the records are health data and are only
-- ever read for the person's own code page, their records page, a filer's view of a relative
-- and a place's test requirement at a scan.
--
-- `version` is the sender's: a line whose version is not newer than the row's changes nothing
-- (a replayed or retried batch is harmless; a corrected report carries a higher version).
-- `feed` is the sending feed's id (its source): records from other regions are shown with it.
CREATE TABLE IF NOT EXISTS nucleic_acid_results (
  id_hash BINARY(32) NOT NULL,
  feed VARCHAR(40) NOT NULL,
  sample_id VARCHAR(64) NOT NULL,
  sampled_at DATETIME(3) NOT NULL,
  result VARCHAR(8) NOT NULL,
  institution VARCHAR(100) NOT NULL,
  lab VARCHAR(100) NOT NULL,
  reported_at DATETIME(3) NOT NULL,
  region VARCHAR(40) NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  received_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id_hash, feed, sample_id),
  KEY ix_nucleic_acid_latest (id_hash, sampled_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per dose number: a later line for the same dose corrects it (by version).
CREATE TABLE IF NOT EXISTS vaccinations (
  id_hash BINARY(32) NOT NULL,
  dose TINYINT UNSIGNED NOT NULL,
  given_on DATE NOT NULL,
  product VARCHAR(100) NOT NULL,
  site VARCHAR(100) NOT NULL,
  region VARCHAR(40) NOT NULL,
  feed VARCHAR(40) NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  received_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id_hash, dose)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- When each feed last delivered a batch: the "as of" the records pages show (a person with no
-- record is told how recent the data is that has none for them).
CREATE TABLE IF NOT EXISTS health_feed_status (
  kind VARCHAR(16) NOT NULL,
  feed VARCHAR(40) NOT NULL,
  last_batch_at DATETIME(3) NOT NULL,
  PRIMARY KEY (kind, feed)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A place may require a negative nucleic-acid test sampled within this many hours (NULL: none).
-- Re-runnable as 013 is (MySQL 8 has no ADD COLUMN IF NOT EXISTS).
SET @add_required_test_hours := (
  SELECT IF(COUNT(*) = 0, 'ALTER TABLE venues ADD COLUMN required_test_hours SMALLINT UNSIGNED NULL', 'SELECT 1')
  FROM information_schema.COLUMNS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'venues' AND COLUMN_NAME = 'required_test_hours'
);
PREPARE add_required_test_hours FROM @add_required_test_hours;
EXECUTE add_required_test_hours;
DEALLOCATE PREPARE add_required_test_hours;
