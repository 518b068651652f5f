-- The console's queue across every customer sorted by subject, state,
-- category or creation: its first page read in the order of an index, as
-- a customer's list is since 0008. Without them the queue sorted all the
-- cases of the provider for each page: 0.3 to 1.2 s at 2,000,000 cases.
-- The state and category expressions are the ones src/store/case_query.c
-- writes (as in 0008); ties go by case id, which every index holds last.
-- Sorts by names of other tables (holder, service, contact, assignee) still
-- sort; the queue's filters narrow them first.
CREATE INDEX cases_subject ON cases (subject);
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX cases_state_order ON cases (
    instr(',new,working,awaiting,resolved,closed,', ',' || state || ','));
CREATE INDEX cases_category_order ON cases (instr(
    ',service,product,alert,fault,report_question,other,work,monthly_report,alarm,health_check,overage,',
    ',' || category || ','));
ANALYZE cases;
