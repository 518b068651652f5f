-- The audit log viewer lists every customer's events newest first: an index
-- on the time alone serves that walk (the customer and actor indexes serve
-- the filtered ones).
CREATE INDEX audit_at ON audit_events (at);
