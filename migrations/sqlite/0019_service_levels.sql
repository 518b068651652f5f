-- Service levels: first-response and resolution targets, and the clock of
-- each case against them.
--
-- Targets are plain calendar minutes (a security operations centre answers
-- around the clock, so business hours would only hide the time a customer
-- waits). NULL: no target. A service has its targets; a contract of a
-- customer for that service may override either (NULL: the service's).
ALTER TABLE services ADD COLUMN response_target_min INTEGER CHECK (response_target_min > 0);
ALTER TABLE services ADD COLUMN resolution_target_min INTEGER CHECK (resolution_target_min > 0);
ALTER TABLE contracts ADD COLUMN response_target_min INTEGER CHECK (response_target_min > 0);
ALTER TABLE contracts ADD COLUMN resolution_target_min INTEGER CHECK (resolution_target_min > 0);

-- A case keeps the targets in force when it was opened, so that a later
-- change of a contract does not rewrite what was promised; and what its
-- clock needs, kept by the transaction that comments or changes the state:
--   first_response_at  the provider's first answer the customer sees
--   paused_secs        the seconds spent waiting for the customer so far
--   paused_since       since when it waits (awaiting or resolved), else NULL
ALTER TABLE cases ADD COLUMN response_target_min INTEGER;
ALTER TABLE cases ADD COLUMN resolution_target_min INTEGER;
ALTER TABLE cases ADD COLUMN first_response_at INTEGER;
ALTER TABLE cases ADD COLUMN paused_secs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN paused_since INTEGER;

-- Existing cases had no targets, but their history tells when the provider
-- first answered (a public comment of staff, or staff moving the case to a
-- state the customer is mailed about) and how long they waited for the
-- customer: each stay in awaiting or resolved lasts until the next state
-- change, or up to now for the state they are in.
UPDATE cases SET first_response_at = (
    SELECT MIN(v.at) FROM case_activity v JOIN users u ON u.id = v.author_id
    WHERE v.case_id = cases.id AND u.is_staff = 1
      AND (v.kind = 'comment' OR (v.kind = 'state' AND v.new_state IN ('awaiting', 'resolved', 'closed'))));

CREATE TEMP TABLE stays AS
    SELECT case_id, new_state, at,
           LEAD(at) OVER (PARTITION BY case_id ORDER BY at, id) AS left_at
    FROM case_activity WHERE kind = 'state';
UPDATE cases SET paused_secs = COALESCE((
    SELECT SUM(s.left_at - s.at) FROM temp.stays s
    WHERE s.case_id = cases.id AND s.new_state IN ('awaiting', 'resolved') AND s.left_at IS NOT NULL), 0);
UPDATE cases SET paused_since = COALESCE((
    SELECT MAX(s.at) FROM temp.stays s WHERE s.case_id = cases.id AND s.left_at IS NULL), updated_at)
    WHERE state IN ('awaiting', 'resolved');
DROP TABLE temp.stays;

