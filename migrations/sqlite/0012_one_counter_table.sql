-- Document numbers come from one allocator (src/store/numbers.c) over one
-- table: the article counter of 0005 joins the case and work request
-- counters, keeping its value, so no KB number is given twice.

INSERT INTO counters (name, value) SELECT 'kb_article', value FROM kb_counters WHERE name = 'article';
DROP TABLE kb_counters;
