-- Provincial feed (SPEC C4): the newest state per person, keyed by the ID-number blind index
-- (persons.id_hash) so a state can arrive before the person registers and applies as soon
-- as they do. `version` is the province's: an older or equal one never overwrites.
CREATE TABLE IF NOT EXISTS provincial_states (
  id_hash BINARY(32) NOT NULL PRIMARY KEY,
  color VARCHAR(8) NOT NULL,
  reason_code VARCHAR(40) NOT NULL,
  reason_text VARCHAR(200) NOT NULL,
  set_by VARCHAR(60) NOT NULL,
  effective_at DATETIME(3) NOT NULL,
  received_at DATETIME(3) NOT NULL,
  version BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Authority marks (SPEC C8): set with a listed reason and a legal basis by an authority
-- operator acting for a district; lifted (never deleted) by that district or one above it,
-- or superseded by a newer mark of the same district.
CREATE TABLE IF NOT EXISTS marks (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  id_hash BINARY(32) NOT NULL,
  district CHAR(6) NOT NULL,
  color VARCHAR(8) NOT NULL,
  reason_code VARCHAR(40) NOT NULL,
  note VARCHAR(200) NOT NULL,
  legal_basis VARCHAR(200) NOT NULL,
  set_by BIGINT UNSIGNED NOT NULL,
  effective_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NULL,
  lifted_at DATETIME(3) NULL,
  lifted_by BIGINT UNSIGNED NULL,
  lift_reason VARCHAR(200) NULL,
  KEY ix_marks_person (id_hash, lifted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of a person's merged colour (SPEC C8 accountability). Append-only: the BFF's
-- database account may only INSERT and SELECT on it (bff/src/db/grants.ts, decision 0015).
CREATE TABLE IF NOT EXISTS colour_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  id_hash BINARY(32) NOT NULL,
  old_color VARCHAR(8) NOT NULL,
  new_color VARCHAR(8) NOT NULL,
  decided_by VARCHAR(80) NOT NULL,
  actor VARCHAR(80) NOT NULL,
  reason_code VARCHAR(40) NOT NULL,
  reason_text VARCHAR(200) NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_colour_history_person (id_hash, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
