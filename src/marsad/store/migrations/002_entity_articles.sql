-- Per-entity article counts, kept by the writer from now on (schema 2).
ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET articles = (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.entity_key = entities.key);
