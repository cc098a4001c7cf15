-- marsad core schema (version 1). Every file in this folder runs when an archive opens; each uses
-- CREATE … IF NOT EXISTS so that opening is idempotent. Changes to existing tables go in
-- ../migrations/NNN_description.sql and bump the schema version.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sources (
    name    TEXT PRIMARY KEY,      -- short key used everywhere (e.g. sana, rt-arabic, aawsat)
    label   TEXT,                  -- display name
    domain  TEXT,
    country TEXT,
    kind    TEXT,                  -- state | private | wire | public | unknown
    notes   TEXT
);

-- Clean texts, stored once per distinct content (copies of one text share a row).
CREATE TABLE IF NOT EXISTS texts (
    hash TEXT PRIMARY KEY,
    text TEXT NOT NULL
);

-- Raw input exactly as it came (bytes), stored once per distinct content.
CREATE TABLE IF NOT EXISTS raw (
    hash     TEXT PRIMARY KEY,
    data     BLOB NOT NULL,
    encoding TEXT,
    format   TEXT
);

CREATE TABLE IF NOT EXISTS articles (
    id               TEXT PRIMARY KEY,
    source           TEXT NOT NULL REFERENCES sources(name),
    url              TEXT,
    title            TEXT,
    published        TEXT,
    published_how    TEXT,
    published_detail TEXT,
    author           TEXT,
    language         TEXT,
    dateline         TEXT,
    place            TEXT,
    agency           TEXT,
    credits          TEXT NOT NULL DEFAULT '[]',
    removed          TEXT NOT NULL DEFAULT '[]',
    raw_text         TEXT,
    text_hash        TEXT NOT NULL,  -- key of the clean text in `texts` (exact content)
    norm_hash        TEXT NOT NULL,  -- hash of the normalised text: articles sharing it are exact duplicates
    raw_hash         TEXT,
    origin           TEXT,
    record           TEXT,
    ingested_at      TEXT NOT NULL,
    meta             TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source, published);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_text_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS articles_norm_hash ON articles(norm_hash);
CREATE INDEX IF NOT EXISTS articles_raw_hash ON articles(raw_hash);

CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    text       TEXT NOT NULL,
    entity_key TEXT,
    nominal    INTEGER NOT NULL DEFAULT 0  -- 1: a description standing for a named person («الوزير الروسي»)
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_key);

-- mentions and articles are counts kept by the writer (the top-entities list reads them from the
-- indexes below instead of counting 100,000s of mentions per request); `marsad check` verifies them.
CREATE TABLE IF NOT EXISTS entities (
    key      TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    variants TEXT NOT NULL DEFAULT '[]',
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_top ON entities(articles DESC, mentions DESC, key);
CREATE INDEX IF NOT EXISTS entities_type_top ON entities(type, articles DESC, mentions DESC, key);

CREATE TABLE IF NOT EXISTS dates (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT,
    end_value   TEXT,
    granularity TEXT,
    anchor      TEXT
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article_id);

CREATE TABLE IF NOT EXISTS quotes (
    id               INTEGER PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    content_start    INTEGER NOT NULL,
    content_end      INTEGER NOT NULL,
    content          TEXT NOT NULL,
    kind             TEXT NOT NULL,
    speaker          TEXT,
    speaker_start    INTEGER,
    speaker_end      INTEGER,
    speaker_entity   TEXT,
    speaker_inferred INTEGER NOT NULL DEFAULT 0,
    cue              TEXT,
    cue_start        INTEGER,
    cue_end          INTEGER,
    stance           TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_entity);

CREATE TABLE IF NOT EXISTS events (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    participants   TEXT NOT NULL DEFAULT '[]',
    place          TEXT,
    date           TEXT,
    date_text      TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);

-- Records an ingest run could not read, with the reason (kept so a user can list them later).
CREATE TABLE IF NOT EXISTS rejections (
    id      INTEGER PRIMARY KEY,
    run_id  TEXT NOT NULL,
    origin  TEXT NOT NULL,
    record  TEXT,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rejections_run ON rejections(run_id);  -- `marsad rejections --run`

CREATE TABLE IF NOT EXISTS ingest_runs (
    id         TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    paths      TEXT NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    unchanged  INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    status     TEXT NOT NULL DEFAULT 'running'
);

-- Articles stored but not yet in the search index (written in the same transaction as the
-- article, removed after the index commits): an interrupted ingest catches up on the next run.
CREATE TABLE IF NOT EXISTS index_queue (
    article_id TEXT PRIMARY KEY,
    op         TEXT NOT NULL  -- add | delete
);
-- Archive stages (dedup, stories) not yet run on stored articles, for the same reason.
CREATE TABLE IF NOT EXISTS stage_queue (
    article_id TEXT NOT NULL,
    stage      TEXT NOT NULL,
    PRIMARY KEY (article_id, stage)
);
-- Sources whose learned chrome changed and whose stored articles are still to be re-cleaned
-- (written with the batch that changed it, removed when the re-cleaning is done).
CREATE TABLE IF NOT EXISTS reclean_queue (
    source TEXT PRIMARY KEY
);
