-- The monthly service report (月次レポート) is computed from the cases, the
-- ratings and the points ledger when it is asked for; what is kept is only
-- its delivery on the 1st: one row per customer and month, inserted in the
-- transaction that raises the 月次レポート送付 case, so that however many
-- times the job runs, on however many instances, a month is sent once.
CREATE TABLE report_deliveries (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    month       TEXT NOT NULL,                   -- 'YYYY-MM' in the provider's zone
    case_id     INTEGER REFERENCES cases(id),    -- set in the same transaction
    created_at  INTEGER NOT NULL,
    UNIQUE (customer_id, month)
);

-- The report counts a customer's cases closed in a month.
CREATE INDEX cases_customer_closed ON cases (customer_id, closed_at) WHERE closed_at IS NOT NULL;
