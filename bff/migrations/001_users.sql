-- Residents. Name, ID number and phone are AES-256-GCM sealed (bff/src/crypto/pii.ts);
-- *_hash columns are HMAC blind indexes used for lookups and uniqueness.
CREATE TABLE IF NOT EXISTS users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone_hash BINARY(32) NOT NULL,
  phone_enc VARBINARY(128) NOT NULL,
  name_enc VARBINARY(256) NULL,
  id_number_enc VARBINARY(128) NULL,
  id_hash BINARY(32) NULL,
  locale VARCHAR(8) NOT NULL DEFAULT 'zh',
  registered_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_users_phone_hash (phone_hash),
  UNIQUE KEY uq_users_id_hash (id_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- WeChat openids and Alipay user ids tied to a phone-verified account.
CREATE TABLE IF NOT EXISTS platform_identities (
  platform VARCHAR(16) NOT NULL,
  subject VARCHAR(128) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  linked_at DATETIME(3) NOT NULL,
  PRIMARY KEY (platform, subject),
  UNIQUE KEY uq_platform_identities_user (user_id, platform)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
