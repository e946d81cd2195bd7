-- Visitors who are not registered, recorded by a place's staff (the handwritten book's
-- replacement; docs/decisions/0025-unregistered-visitors.md). Name, ID number, phone and note
-- are sealed like every other piece of personal data (crypto/pii.ts), the ID number also kept
-- as its blind index (so a later registration or a trace can find the rows without the clear
-- value). The visit itself is a row of `visits` (via `unregistered`, no person, colour `none`),
-- written in the same transaction, so it is counted and deleted with the others.
CREATE TABLE IF NOT EXISTS unregistered_visitors (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  venue_id BIGINT UNSIGNED NOT NULL,
  name_enc VARBINARY(255) NOT NULL,
  id_number_enc VARBINARY(255) NOT NULL,
  id_hash BINARY(32) NOT NULL,
  phone_enc VARBINARY(255) NOT NULL,
  note_enc VARBINARY(1024) NULL,
  recorded_by BIGINT UNSIGNED NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_unregistered_venue (venue_id, at),
  KEY ix_unregistered_id_hash (id_hash),
  KEY ix_unregistered_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
