-- Knowledge search at scale, and knowledge bases and categories that the
-- provider renames and deletes.

-- The alphabetical order compares sort_key: the title lower-cased, so that
-- "apple" comes before "Banana" as readers expect. The statements that
-- write a title write its key; the index serves the alphabetical list in
-- order, without sorting.
ALTER TABLE kb_articles ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE kb_articles SET sort_key = lower(title);
DROP INDEX kb_articles_title;
CREATE INDEX kb_articles_sort ON kb_articles (state, sort_key);

-- The articles of a category: counted before it is deleted, moved to
-- another one, and looked up by the foreign key check of the delete.
CREATE INDEX kb_articles_category ON kb_articles (category_id);

-- Customers choose knowledge bases and categories by name from lists: two
-- of the same name (in either language, whatever the case) could not be
-- told apart. A category's name is unique within its knowledge base.
CREATE UNIQUE INDEX kb_bases_name_ja ON kb_bases (lower(name_ja));
CREATE UNIQUE INDEX kb_bases_name_en ON kb_bases (lower(name_en));
CREATE UNIQUE INDEX kb_categories_name_ja ON kb_categories (kb_id, lower(name_ja));
CREATE UNIQUE INDEX kb_categories_name_en ON kb_categories (kb_id, lower(name_en));

-- A database that has statistics gets them for the new indexes too: an
-- index without any looks cheaper to the planner than every other one, and
-- would be chosen to read the articles in no useful order. (Without rows,
-- this records nothing.)
ANALYZE kb_articles;
