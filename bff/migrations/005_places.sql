-- Places and their codes (SPEC C6, 一址一码): every community, workplace, station, checkpoint
-- and public place. place_code is the random id printed in the poster's QR (not the row id,
-- so codes cannot be enumerated).
CREATE TABLE IF NOT EXISTS venues (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  place_code CHAR(10) NOT NULL,
  type VARCHAR(16) NOT NULL,
  name VARCHAR(60) NOT NULL,
  address VARCHAR(120) NOT NULL,
  district CHAR(6) NOT NULL,
  lat DECIMAL(9,6) NULL,
  lng DECIMAL(9,6) NULL,
  organisation VARCHAR(60) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  -- Opt-in: the code is shown on a screen and changes every 30 s (a shared photo goes stale).
  rotating TINYINT(1) NOT NULL DEFAULT 0,
  code_secret BINARY(32) NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_venues_place_code (place_code),
  KEY ix_venues_district (district)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Visits: a resident scanning a place code, or staff scanning a resident (or looking them up
-- by ID number). Written in batches from a Redis stream (docs/decisions/0007); deleted after
-- the retention period by a batched job. `via` says how it was recorded.
CREATE TABLE IF NOT EXISTS visits (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  venue_id BIGINT UNSIGNED NOT NULL,
  person_id BIGINT UNSIGNED NULL,
  holder VARCHAR(40) NOT NULL,
  color VARCHAR(8) NOT NULL,
  via VARCHAR(16) NOT NULL,
  recorded_by BIGINT UNSIGNED NULL,
  flagged TINYINT(1) NOT NULL DEFAULT 0,
  verified_offline TINYINT(1) NOT NULL DEFAULT 0,
  at DATETIME(3) NOT NULL,
  stream_id VARCHAR(32) NOT NULL,
  UNIQUE KEY uq_visits_stream (stream_id),
  KEY ix_visits_at (at),
  KEY ix_visits_venue (venue_id, at),
  KEY ix_visits_person (person_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Cheap daily counts by place type (statistics page, SPEC C9), bumped with each batch.
CREATE TABLE IF NOT EXISTS visit_daily_counts (
  day DATE NOT NULL,
  venue_type VARCHAR(16) NOT NULL,
  visits INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (day, venue_type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ID-number lookups by staff for people without a phone: audited (SPEC C7).
CREATE TABLE IF NOT EXISTS id_lookups (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  staff_user_id BIGINT UNSIGNED NOT NULL,
  venue_id BIGINT UNSIGNED NOT NULL,
  person_id BIGINT UNSIGNED NULL,
  found TINYINT(1) NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_id_lookups_staff (staff_user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
