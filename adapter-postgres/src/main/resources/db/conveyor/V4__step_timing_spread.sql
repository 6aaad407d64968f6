-- How each step's durations spread around what was expected of them (a decayed histogram of the ratio actual /
-- expected, one weight per bucket, as a JSON array of numbers), beside the learned speed. It lets a read give a
-- step running past its usual time the remainder such runs took, and say when it takes longer than usual.
-- Null for rows learned before: they start from the assumed spread.
ALTER TABLE step_timing ADD COLUMN spread JSONB;
