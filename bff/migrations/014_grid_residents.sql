-- How many people each grid holds (SPEC C9 "check-in completion by grid"; docs/decisions/
-- 0020-statistics.md): kept as people are placed in grids — a person's first grid adds one to
-- it, a move takes one from the old grid and adds one to the new, in the transaction that
-- moves them — so completion (checked in today / residents) never counts person_grids.
-- `shard` (0–15, one at random per change) spreads a busy community over 16 rows, as
-- stats_daily does; a shard may go below zero (a person added on one, moved away on another),
-- readers add them up.
CREATE TABLE IF NOT EXISTS grid_residents (
  grid_code VARCHAR(12) NOT NULL,
  shard TINYINT UNSIGNED NOT NULL DEFAULT 0,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (grid_code, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The people placed before this table existed, on shard 0. The primary key makes a second run
-- of the migration change nothing it has not already counted.
INSERT INTO grid_residents (grid_code, shard, n)
  SELECT grid_code, 0, COUNT(*) FROM person_grids GROUP BY grid_code
  ON DUPLICATE KEY UPDATE n = grid_residents.n;
