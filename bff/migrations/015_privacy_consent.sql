-- Consent to the privacy notice (PIPL art. 13(4), 17, 28; docs/decisions/0024-privacy-consent.md).
-- The version an account accepted last (the app asks again when the notice changes), and an
-- append-only record of every acceptance — which version, when — to show what a person agreed
-- to and when, should they or a regulator ask. The BFF's account may only INSERT and SELECT
-- privacy_consents (bff/src/db/grants.ts).
-- Re-runnable after a half-applied run, as migration 011: the column is added only if missing.
SET @add_privacy_version := (
  SELECT IF(COUNT(*) = 0, 'ALTER TABLE users ADD COLUMN privacy_version VARCHAR(16) NULL', 'SELECT 1')
  FROM information_schema.COLUMNS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' AND COLUMN_NAME = 'privacy_version'
);
PREPARE add_privacy_version FROM @add_privacy_version;
EXECUTE add_privacy_version;
DEALLOCATE PREPARE add_privacy_version;

CREATE TABLE IF NOT EXISTS privacy_consents (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  version VARCHAR(16) NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_privacy_consents_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
