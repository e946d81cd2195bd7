-- A lab's sample id is compared byte for byte (docs/health-feeds.md: 1–64 of A–Z a–z 0–9 _ -):
-- under the table's case-insensitive collation "gz-a1" and "GZ-A1" were one key, so the second
-- sample, even a positive one, was taken for a duplicate of the first and dropped, while the
-- contract and a chunk's dedupe told them apart. Re-runnable: modifying to the same type is a no-op.
ALTER TABLE nucleic_acid_results MODIFY sample_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
