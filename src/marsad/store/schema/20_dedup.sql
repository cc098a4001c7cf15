-- Near-duplicate detection state (owner: marsad.dedup). Kept so a new article is matched against the
-- archive from these tables alone: its candidates come from band keys and marks, only the few
-- candidates' texts are read to verify them.

-- One row per article the dedup stage has seen: its MinHash signature (NUM_PERM uint64, little-endian).
CREATE TABLE IF NOT EXISTS dedup_sketches (
    article_id TEXT PRIMARY KEY,
    signature BLOB NOT NULL,
    n_shingles INTEGER NOT NULL,
    n_marks INTEGER NOT NULL
);

-- MinHash-LSH: one key per band; equal (band, key) makes two articles candidates.
CREATE TABLE IF NOT EXISTS dedup_bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dedup_bands_key ON dedup_bands(band, key);
CREATE INDEX IF NOT EXISTS dedup_bands_article ON dedup_bands(article_id);

-- Marks: winnowed shingles (the smallest hash of every 8 consecutive shingles), so a text embedded
-- in a longer one shares its marks with it. Stored shifted right by one bit (signed 64-bit column).
CREATE TABLE IF NOT EXISTS dedup_marks (
    mark INTEGER NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dedup_marks_mark ON dedup_marks(mark);
CREATE INDEX IF NOT EXISTS dedup_marks_article ON dedup_marks(article_id);

-- Verified pairs (a < b). kind: copy | embedded; container: the longer article of an embedding.
CREATE TABLE IF NOT EXISTS dedup_links (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    kind TEXT NOT NULL,
    container TEXT,
    jaccard REAL,
    containment REAL,
    kept_share REAL,
    PRIMARY KEY (a, b)
);
CREATE INDEX IF NOT EXISTS dedup_links_b ON dedup_links(b);

-- Duplicate groups: one row per (group, article). role: first | copy | embeds. The edit columns
-- describe the article against the group's first publication (NULL for the first itself).
CREATE TABLE IF NOT EXISTS dup_groups (
    group_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    role TEXT NOT NULL,
    first_publisher TEXT NOT NULL,
    agency TEXT,
    kept_share REAL,
    lines_added INTEGER,
    lines_removed INTEGER,
    delay_s REAL,
    PRIMARY KEY (group_id, article_id)
);
CREATE INDEX IF NOT EXISTS dup_groups_article ON dup_groups(article_id);
