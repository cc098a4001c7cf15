-- Story clustering state (owner: marsad.stories). Enough to resume clustering in a new process
-- without reading any article text: document frequencies, and per member the capped term vector and
-- the small feature sets the match score uses. Story rows are a summary for listing; they are
-- recomputed from their members whenever a member joins or leaves.

CREATE TABLE IF NOT EXISTS story_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Term document frequencies (light stems), updated one article at a time.
CREATE TABLE IF NOT EXISTS story_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS stories (
    id              INTEGER PRIMARY KEY,
    title           TEXT,            -- the most central member's headline
    rep_article     TEXT,            -- that member's id
    first_published TEXT,
    last_published  TEXT,
    first_day       INTEGER,         -- proleptic ordinals (for window arithmetic)
    last_day        INTEGER,
    size            INTEGER NOT NULL,
    n_sources       INTEGER NOT NULL,
    sources         TEXT NOT NULL DEFAULT '[]',   -- JSON list of outlets
    storyline       INTEGER,         -- id of the storyline (its lowest story id)
    centroid        TEXT NOT NULL DEFAULT '{}',   -- JSON term → weight (capped)
    updated_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_last ON stories(last_published);
CREATE INDEX IF NOT EXISTS stories_storyline ON stories(storyline);

CREATE TABLE IF NOT EXISTS story_members (
    article_id  TEXT PRIMARY KEY,
    story_id    INTEGER NOT NULL,
    source      TEXT NOT NULL,
    published   TEXT,
    day         INTEGER NOT NULL DEFAULT 0,
    title       TEXT,
    score       REAL,                 -- match score when it joined (1.0 for the opener)
    vector      TEXT NOT NULL,        -- JSON term → tf-idf weight (capped, unit length)
    terms       TEXT NOT NULL,        -- every term of the article, space-separated
    title_terms TEXT NOT NULL,
    numbers     TEXT NOT NULL DEFAULT '',
    entities    TEXT NOT NULL DEFAULT '[]',
    dates       TEXT NOT NULL DEFAULT '[]',
    text_hash   TEXT,
    length      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);

-- Storylines: stories about one ongoing matter, linked without a time limit.
CREATE TABLE IF NOT EXISTS storyline_links (
    a     INTEGER NOT NULL,
    b     INTEGER NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX IF NOT EXISTS storyline_links_b ON storyline_links(b);
