-- City statistics (SPEC C9; docs/decisions/0020-statistics.md): counters kept as things
-- happen, never a scan of the visit table.

-- One counter per China day, metric and dimension (a place type, who filed a check-in, later a
-- grid or a conversion's outcome), bumped inside the transaction that makes the thing counted:
-- INSERT … ON DUPLICATE KEY UPDATE value = value + VALUES(value). `shard` (0–15, picked at
-- random per statement) spreads one hot counter over 16 rows, so concurrent check-ins do not
-- queue on one row lock; readers add the shards up.
CREATE TABLE IF NOT EXISTS stats_daily (
  day DATE NOT NULL,
  metric VARCHAR(32) NOT NULL,
  dimension VARCHAR(32) NOT NULL DEFAULT '',
  shard TINYINT UNSIGNED NOT NULL DEFAULT 0,
  value BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, metric, dimension, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who was active on a day (showed their code, had it scanned, scanned a place): only so that
-- `activeUsers` counts each person once. An INSERT IGNORE of a batch of marks adds to the
-- counter exactly the rows it inserted. Kept for 3 days (offline scans arrive up to 24 h
-- late), then deleted by the hourly job; the count stays in stats_daily.
CREATE TABLE IF NOT EXISTS stats_active_people (
  day DATE NOT NULL,
  person_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (day, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Audit trail of CSV exports (append-only for the BFF's account: db/grants.ts): who took
-- which range, when.
CREATE TABLE IF NOT EXISTS stats_exports (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  from_day DATE NOT NULL,
  to_day DATE NOT NULL,
  day_count SMALLINT UNSIGNED NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY ix_stats_exports_user (user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The visit counts by place type kept since migration 005 become the `scans` metric (every
-- recorded visit, whoever scanned). Sets rather than adds, so running this file twice (a
-- process that died before recording it) changes nothing. visit_daily_counts is no longer
-- written; it is left in place for branches still reading it and dropped by a later migration.
INSERT INTO stats_daily (day, metric, dimension, shard, value)
  SELECT day, 'scans', venue_type, 0, visits FROM visit_daily_counts
  ON DUPLICATE KEY UPDATE value = VALUES(value);
