-- The audit trail keeps the actor's name as it was when the event happened:
-- the login history must not show today's name for last year's sign-in.
-- Rows written before this keep the name their user has now (the best
-- that is known of them).

ALTER TABLE audit_events ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';
UPDATE audit_events SET actor_name = COALESCE((SELECT name FROM users WHERE users.id = audit_events.actor_id), '');
