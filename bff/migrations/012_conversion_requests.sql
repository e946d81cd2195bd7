-- Conversion requests (转码申请, issue 12; docs/decisions/0022-conversion-requests.md): a person,
-- or a relative filing for them, asks for a review of a yellow or red colour.
-- `handler`: who has it now — `community` (the workers of `grid_code`; NULL when the person had
-- no known grid: only admins see it), `authority` (of `district`), `provincial` (`hotline`).
-- `open_person_id`: the person while the request is open (pending, forwarded), NULL once closed.
-- Its unique key is the rule "one open request per person": a second insert while one is open
-- fails on it, whatever the race (a person asking on two devices, a relative at the same moment).
-- `decided_by`: the account that decided (shown to the person only as the role `decided_as`),
-- `decided_scope`: the grid or district it acted for.
CREATE TABLE IF NOT EXISTS conversion_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id BIGINT UNSIGNED NOT NULL,
  id_hash BINARY(32) NOT NULL,
  filed_by BIGINT UNSIGNED NOT NULL,
  by_relative TINYINT(1) NOT NULL,
  color VARCHAR(8) NOT NULL,
  reason VARCHAR(200) NOT NULL,
  status VARCHAR(12) NOT NULL,
  handler VARCHAR(12) NOT NULL,
  open_person_id BIGINT UNSIGNED NULL,
  grid_code VARCHAR(12) NULL,
  district VARCHAR(6) NULL,
  hotline VARCHAR(40) NULL,
  decided_by BIGINT UNSIGNED NULL,
  decided_as VARCHAR(20) NULL,
  decided_scope VARCHAR(12) NULL,
  decision_approve TINYINT(1) NULL,
  decision_reason VARCHAR(200) NULL,
  decided_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_conversion_open (open_person_id),
  KEY ix_conversion_person (person_id, id),
  KEY ix_conversion_grid (handler, status, grid_code, id),
  KEY ix_conversion_district (handler, status, district, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An approved request vouches that the check-in in force was declared by mistake: the merge
-- then reads that check-in as healthy (still going overdue by its time). A new check-in of the
-- same day replaces the row and clears this. Re-runnable as migration 011's column.
SET @add_converted_at := (
  SELECT IF(COUNT(*) = 0, 'ALTER TABLE checkins ADD COLUMN converted_at DATETIME(3) NULL', 'SELECT 1')
  FROM information_schema.COLUMNS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'checkins' AND COLUMN_NAME = 'converted_at'
);
PREPARE add_converted_at FROM @add_converted_at;
EXECUTE add_converted_at;
DEALLOCATE PREPARE add_converted_at;
