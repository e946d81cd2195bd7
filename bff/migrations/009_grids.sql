-- Grids (SPEC C8, docs/decisions/0019-grids-and-community-workers.md): the city's district →
-- street → community tree, named by the statistical division codes (6, 9 and 12 digits). A
-- code says its level and its parent; both are stored so lists and children are plain
-- lookups. Imported with `npm run admin -- grids import` (upserts by code).
CREATE TABLE IF NOT EXISTS grids (
  code VARCHAR(12) NOT NULL PRIMARY KEY,
  parent_code VARCHAR(12) NULL,
  level VARCHAR(12) NOT NULL,
  name VARCHAR(60) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  KEY ix_grids_parent (parent_code, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The grid each person belongs to, from the address of their latest check-in (their own or
-- one a relative filed): the community when the address names one, else the district. The
-- dashboard reads a grid's residents by code prefix, in (grid_code, person_id) order.
CREATE TABLE IF NOT EXISTS person_grids (
  person_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  grid_code VARCHAR(12) NOT NULL,
  source VARCHAR(16) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  KEY ix_person_grids_grid (grid_code, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who looked at a person's record through a dashboard (a community worker of a grid, an
-- admin), and the colour they were shown. The person reads it beside their colour history
-- (GET /api/me/audit). Append-only: the BFF's database account may only INSERT and SELECT
-- (bff/src/db/grants.ts). Keyed by the ID-number blind index, as colour_history is.
CREATE TABLE IF NOT EXISTS record_views (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  id_hash BINARY(32) NOT NULL,
  viewer_user_id BIGINT UNSIGNED NOT NULL,
  reason_code VARCHAR(40) NOT NULL,
  scope VARCHAR(64) NOT NULL,
  scope_name VARCHAR(60) NOT NULL,
  color VARCHAR(8) NOT NULL,
  decided_by VARCHAR(80) NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_record_views_person (id_hash, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
