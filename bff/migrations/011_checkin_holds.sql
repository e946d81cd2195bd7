-- What a person's check-ins have raised and not yet lowered (issue 12, colour transitions;
-- shared/src/colourTransitions.ts, docs/decisions/0021-colour-transitions.md): a self-declared
-- yellow or red is lowered only after a run of consecutive days with a healthy check-in, or by
-- an approved conversion request. One row per person, folded by each check-in in its own
-- transaction with the row locked. The row stays once made: `color` NULL means nothing is
-- held, so a check-in always finds a row to lock.
-- `reasons`: the raising check-ins' reason codes, comma-separated (as checkins.reasons).
-- `since`: the last yellow/red check-in folded in; healthy days count after its China day.
-- `run_from`/`run_to`: the current run of consecutive healthy days (China dates), if any.
CREATE TABLE IF NOT EXISTS checkin_holds (
  person_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  color VARCHAR(8) NULL,
  reasons VARCHAR(255) NOT NULL DEFAULT '',
  since DATETIME(3) NULL,
  run_from DATE NULL,
  run_to DATE NULL,
  updated_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The parameters a history row's reason code is worded with (decision 0017: `{code, params}`),
-- as JSON text: a lowering after a run names its length, `{"days":14}`. NULL for the rows that
-- need none (all rows before this one). VARCHAR, not JSON: the same on MySQL 8, MariaDB (where
-- JSON is LONGTEXT with a CHECK) and TiDB, and a nullable column added last is added in place.
-- Re-runnable after a half-applied run (db/migrate.ts): information_schema says whether the
-- column is there, and a prepared statement adds it only if not (MySQL 8 has no ADD COLUMN IF
-- NOT EXISTS; PREPARE of an ALTER works alike on all three).
SET @add_reason_params := (
  SELECT IF(COUNT(*) = 0, 'ALTER TABLE colour_history ADD COLUMN reason_params VARCHAR(255) NULL', 'SELECT 1')
  FROM information_schema.COLUMNS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'colour_history' AND COLUMN_NAME = 'reason_params'
);
PREPARE add_reason_params FROM @add_reason_params;
EXECUTE add_reason_params;
DEALLOCATE PREPARE add_reason_params;
