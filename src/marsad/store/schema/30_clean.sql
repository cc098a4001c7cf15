-- Clean stage: lines that recur across the pages of one source (site chrome learned from the corpus).
-- See src/marsad/clean/recurring.py for the thresholds.

-- One row per counted page of a source (its fingerprint): makes learning idempotent and counts two
-- copies of one story once.
CREATE TABLE IF NOT EXISTS clean_source_pages (
    source   TEXT NOT NULL,
    page_key TEXT NOT NULL,
    PRIMARY KEY (source, page_key)
) WITHOUT ROWID;

-- In how many distinct pages of the source each line key (hash of the normalised line) occurs.
CREATE TABLE IF NOT EXISTS clean_line_stats (
    source    TEXT NOT NULL,
    line_key  TEXT NOT NULL,
    doc_count INTEGER NOT NULL,
    PRIMARY KEY (source, line_key)
) WITHOUT ROWID;

-- The line keys currently treated as chrome per source (what the last learn() decided), so a change
-- of evidence can be detected and the source re-cleaned.
CREATE TABLE IF NOT EXISTS clean_recurring (
    source   TEXT NOT NULL,
    line_key TEXT NOT NULL,
    PRIMARY KEY (source, line_key)
) WITHOUT ROWID;
