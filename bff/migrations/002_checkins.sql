-- Daily check-ins: one per person per China calendar day; a later submission the same day
-- replaces the answers. `filed_by` is the account that submitted it (the person's own, or
-- a relative's).
CREATE TABLE IF NOT EXISTS checkins (
  person_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  answers JSON NOT NULL,
  color VARCHAR(8) NOT NULL,
  reasons VARCHAR(255) NOT NULL,
  checked_in_at DATETIME(3) NOT NULL,
  filed_by BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (person_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Risk areas (GB/T 2260 region codes) with level and period; operators add rows, a change
-- of level is a new row (the old one gets effective_to), so history stays.
CREATE TABLE IF NOT EXISTS risk_areas (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code CHAR(6) NOT NULL,
  name VARCHAR(60) NOT NULL,
  level VARCHAR(8) NOT NULL,
  effective_from DATETIME(3) NOT NULL,
  effective_to DATETIME(3) NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME(3) NOT NULL,
  KEY ix_risk_areas_code (code),
  KEY ix_risk_areas_to (effective_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
