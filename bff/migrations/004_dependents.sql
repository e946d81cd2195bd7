-- Filing for relatives (SPEC C5): a registered resident (filer) files for a person who may
-- have no phone. A person can have several filers; a filing is never deleted, only ended
-- (removed_at), by the filer or by the person once they have their own account.
CREATE TABLE IF NOT EXISTS dependents (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  filer_user_id BIGINT UNSIGNED NOT NULL,
  person_id BIGINT UNSIGNED NOT NULL,
  relation VARCHAR(16) NOT NULL,
  relation_text VARCHAR(20) NULL,
  consent_at DATETIME(3) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  removed_at DATETIME(3) NULL,
  removed_by BIGINT UNSIGNED NULL,
  KEY ix_dependents_filer (filer_user_id, removed_at),
  KEY ix_dependents_person (person_id, removed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what for whom (SPEC C5: every proxy action is audited). Append-only.
CREATE TABLE IF NOT EXISTS proxy_actions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  actor_user_id BIGINT UNSIGNED NOT NULL,
  person_id BIGINT UNSIGNED NOT NULL,
  action VARCHAR(32) NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_proxy_actions_person (person_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Paper codes: long-lived signed passes for people without a phone. token_id is the first
-- 8 bytes of SHA-256 over the token body (shared/src/codeToken.ts tokenId), the entry of the
-- published revocation list. The token itself is not kept: Ed25519 is deterministic, so the
-- print view signs the same fields (colour, holder, times, kid) again and checks the id.
CREATE TABLE IF NOT EXISTS paper_codes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id BIGINT UNSIGNED NOT NULL,
  token_id CHAR(16) NOT NULL,
  color VARCHAR(8) NOT NULL,
  kid SMALLINT UNSIGNED NOT NULL,
  issued_by BIGINT UNSIGNED NOT NULL,
  issued_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  revoked_at DATETIME(3) NULL,
  revoke_reason VARCHAR(40) NULL,
  UNIQUE KEY uq_paper_codes_token (token_id),
  KEY ix_paper_codes_person (person_id, revoked_at),
  KEY ix_paper_codes_revoked (revoked_at, expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
