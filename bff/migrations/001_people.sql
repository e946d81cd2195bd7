-- People: anyone who can hold a code, whether or not they have an account (relatives filed
-- by a family member, people known only from the provincial feed). Name and ID number are
-- AES-256-GCM sealed (bff/src/crypto/pii.ts); id_hash is the HMAC blind index; holder_id
-- is the random pseudonym printed in code tokens.
CREATE TABLE IF NOT EXISTS persons (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  id_hash BINARY(32) NOT NULL,
  id_number_enc VARBINARY(128) NOT NULL,
  name_enc VARBINARY(256) NOT NULL,
  holder_id BINARY(8) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_persons_id_hash (id_hash),
  UNIQUE KEY uq_persons_holder_id (holder_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Accounts: a phone-verified login. Real-name registration ties an account to its person
-- (one account per person, one person per account).
CREATE TABLE IF NOT EXISTS users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone_hash BINARY(32) NOT NULL,
  phone_enc VARBINARY(128) NOT NULL,
  person_id BIGINT UNSIGNED NULL,
  locale VARCHAR(8) NOT NULL DEFAULT 'zh',
  registered_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_users_phone_hash (phone_hash),
  UNIQUE KEY uq_users_person (person_id)
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

-- Roles granted by the admin command (npm run admin -- grant …); scope is a venue, grid or
-- district id where the role is bounded, '' where it is city-wide.
CREATE TABLE IF NOT EXISTS user_roles (
  user_id BIGINT UNSIGNED NOT NULL,
  role VARCHAR(32) NOT NULL,
  scope VARCHAR(64) NOT NULL DEFAULT '',
  granted_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, role, scope)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
