-- A change counter per month of daily counts, for rollups built in steps. A month's rollup is
-- summed over many turns of the event loop (so that no request waits for it) and written in
-- one short transaction at the end, only if its months' counters have not moved since it
-- started; otherwise it starts again. What moves a counter, in its own transaction: answers
-- added late to a response of that month (a detail step after the month closed), and
-- `recount --fix`, which bumps the row '*' that every build checks too. Closed days change
-- in no other way, so a rollup is exactly the sum of the daily counts it stands for.
CREATE TABLE rollup_changes (
  month   TEXT PRIMARY KEY,   -- 'YYYY-MM', or '*' for every month at once
  changes INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
