-- Real-name verification (docs/decisions/0008-real-name-verification.md). An account is
-- verified once a provider (Tencent FaceID, WeChat, Alipay) confirmed by face that its holder
-- is the person of its ID number; until then it sees at most what it declared itself.
-- A table rather than a column on `users`: CREATE TABLE IF NOT EXISTS re-runs on MySQL 8,
-- MariaDB and TiDB alike, ADD COLUMN IF NOT EXISTS does not.
CREATE TABLE IF NOT EXISTS verified_accounts (
  user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  person_id BIGINT UNSIGNED NOT NULL,
  provider VARCHAR(16) NOT NULL,
  verification_id CHAR(32) NOT NULL,
  verified_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_verified_accounts_person (person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per verification started. The name and ID number it was started for are sealed
-- like everywhere else; `provider_ref` is the provider's handle (BizToken, certify_id),
-- `result_hash` the SHA-256 of the result the client brought back (WeChat's verify_result):
-- both unique, so one provider result completes one verification, once.
CREATE TABLE IF NOT EXISTS identity_verifications (
  id CHAR(32) NOT NULL PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  provider VARCHAR(16) NOT NULL,
  id_hash BINARY(32) NOT NULL,
  name_enc VARBINARY(256) NOT NULL,
  id_number_enc VARBINARY(128) NOT NULL,
  provider_ref VARCHAR(128) NULL,
  result_hash BINARY(32) NULL,
  status VARCHAR(12) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  completed_at DATETIME(3) NULL,
  UNIQUE KEY uq_identity_verifications_ref (provider, provider_ref),
  UNIQUE KEY uq_identity_verifications_result (provider, result_hash),
  KEY ix_identity_verifications_user (user_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
