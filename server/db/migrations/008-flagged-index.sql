-- The number of flagged responses in a period is shown beside every set of figures. Without
-- this index, counting them scanned every daily count row of the period (a year: millions),
-- which cost more than the figures themselves. It holds only flagged '_response' rows.
CREATE INDEX answer_counts_flagged ON answer_counts(local_date) WHERE flagged = 1 AND question_id = '_response';
