-- Nominal mentions (schema 3): a description that stands for a person named earlier in the article
-- («الوزير الروسي» after «وزير الخارجية الروسي سيرغي لافروف») is a mention of that person's entity,
-- marked so that it never becomes one of the entity's name variants.
ALTER TABLE mentions ADD COLUMN nominal INTEGER NOT NULL DEFAULT 0;
