-- Every attempt to file for someone (issue 10, finding 2): who tried, for which ID number,
-- declaring what relation, and how it ended. Append-only: the BFF only inserts and reads
-- (features/dependents/filingAttemptsRepo.ts). Keyed by the ID number's blind index, not by
-- a persons row, so a refused attempt creates no person, and the person sees attempts made
-- before they had a record once they register.
CREATE TABLE IF NOT EXISTS filing_attempts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  filer_user_id BIGINT UNSIGNED NOT NULL,
  target_id_hash BINARY(32) NOT NULL,
  relation VARCHAR(16) NOT NULL,
  relation_text VARCHAR(20) NULL,
  outcome VARCHAR(24) NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_filing_attempts_target (target_id_hash, id),
  KEY ix_filing_attempts_filer (filer_user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
