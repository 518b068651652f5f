-- A customer's case list at the size of the biggest customer (20,000 cases,
-- 200,000 comments): keyword search per customer, and every column of the
-- list sorted from an index.
--
-- case_search replaces case_fts (0004). It indexes the same text, the case's
-- number, subject and description and its public comments (never internal
-- notes), with the scoped_trigram tokenizer (src/store/fts_scoped.c): each
-- text begins with its customer's scope token (fts_scope_token) and every
-- trigram is indexed together with that token, so that a customer's search
-- reads the postings of that customer's rows only. case_fts read the whole
-- posting list of the customer's scope token and the keyword's postings of
-- every customer.
--
-- rowid: case id * 65536 + n, n = 0 for the case's own text and n = 1, 2, …
-- for its public comments (their count when each was added: comments are
-- never deleted, and are added one transaction at a time; past 65,535 in
-- one case they are no longer indexed). A match gives
-- its case by a shift, where the activity id of case_fts needed a lookup
-- per matching comment, the largest part of a common keyword's time. The
-- column sizes (case_search_docsize) are kept as the guard of rowids: a
-- repeated one is refused instead of corrupting the index.
--
-- Staff searching every customer read each trigram's per-customer lists as
-- one prefix query (fts_scoped_query): slower than a customer's search,
-- most of all for a rare keyword made of common trigrams. prefix='3' on
-- case_search would keep an index of the bare trigrams for them, at twice
-- the size.
--
-- The tokenizer and fts_scope_token() are registered on each connection by
-- the server (src/store/db.c): the sqlite3 shell can back the database up,
-- but not read or write case_search.
--
-- Filled in rowid order (the comments in the order of case_activity_case,
-- which the numbering reads, without sorting their text): FTS5 flushes its
-- pending terms whenever a rowid is not above the one before, and rows out
-- of order would each make a segment. It takes about a minute per 600,000
-- comments on 2 cores: plan half an hour of downtime for 20 million.
CREATE VIRTUAL TABLE case_search USING fts5(body, content='', tokenize='scoped_trigram');

INSERT INTO case_search (rowid, body)
SELECT id * 65536,
       fts_scope_token(customer_id) || number || char(10) || subject || char(10) || description
FROM cases ORDER BY id;

INSERT INTO case_search (rowid, body)
SELECT case_id * 65536 + n, body
FROM (SELECT v.case_id, ROW_NUMBER() OVER (PARTITION BY v.case_id ORDER BY v.at, v.id) AS n,
             fts_scope_token(k.customer_id) || v.body AS body
      FROM case_activity v JOIN cases k ON k.id = v.case_id
      WHERE v.kind = 'comment')
WHERE n < 65536;

DROP TABLE case_fts;

-- Sorting a customer's list by one column reads its first page from one of
-- these (src/store/case_query.c): ties go by case id, which every index
-- holds last, in the direction of the sort. The state and the category sort
-- in the order of the life of a case and of the category list
-- (src/pages/case_common.c), by the very expressions case_query.c writes.
-- Service and contact sort by name through the services and users indexes.
-- None holds updated_at: a comment, which touches it, leaves them alone.
CREATE INDEX cases_customer_number ON cases (customer_id, number);
CREATE INDEX cases_customer_subject ON cases (customer_id, subject);
CREATE INDEX cases_customer_service ON cases (customer_id, service_id);
CREATE INDEX cases_customer_contact ON cases (customer_id, contact_id);
CREATE INDEX cases_customer_state_order ON cases (
    customer_id, instr(',new,working,awaiting,resolved,closed,', ',' || state || ','));
CREATE INDEX cases_customer_category_order ON cases (customer_id, instr(
    ',service,product,alert,fault,report_question,other,work,monthly_report,alarm,health_check,overage,',
    ',' || category || ','));
CREATE INDEX services_name_ja ON services (name_ja);
CREATE INDEX services_name_en ON services (name_en);

-- The console's queue, newest update first: "mine" and "unassigned", and by
-- category (cases_assignee_state and cases_customer_category need a sort).
CREATE INDEX cases_assignee_updated ON cases (assignee_id, updated_at, id);
CREATE INDEX cases_category_updated ON cases (category, updated_at, id);

-- A database that has statistics gets them for the new indexes too: an
-- index without any looks cheaper to the planner than every other one. The
-- plans of the list, its sorts, its keyword and the queue were checked with
-- and without statistics. (Without rows, this records nothing.)
ANALYZE cases;
ANALYZE services;
