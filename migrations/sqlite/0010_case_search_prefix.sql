-- Keywords of one or two characters from the case search index.
--
-- From this version the scoped_trigram tokenizer (src/store/fts_scoped.c)
-- writes each term as the customer's scope token followed by the trigram,
-- where 0008 wrote the trigram followed by the scope token, and each text
-- gets two sentinel characters after it. A customer's trigrams that begin
-- with the same characters are then neighbours in the index, and a keyword
-- of one or two characters (common in Japanese: 設定, 障害) is a prefix
-- query over them: read from that customer's postings, where it was a LIKE
-- over the customer's whole history. The index of 0008 holds terms of the
-- old form, which no query of the new one finds: it is built again, from
-- the same text in the same order (see 0008), about a minute per 600,000
-- comments on 2 cores.
DROP TABLE case_search;

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
