-- A visit of another region's code keeps its issuer as data, `recognised:<issuer id>` (issuer
-- ids are up to 40 characters, TRUSTED_ISSUERS), where it kept a Chinese sentence
-- ("<issuer>持码人", docs/decisions/0017-one-home-for-wording.md). MODIFY re-runs safely on
-- MySQL 8, MariaDB and TiDB alike; 60 utf8mb4 characters (240 bytes) keep the one-byte length
-- prefix of VARCHAR(40), so widening is in place, without copying the table.
ALTER TABLE visits MODIFY holder VARCHAR(60) NOT NULL;
