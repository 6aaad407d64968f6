-- How fast the running step gets through the units it reports (units, the sum of their clipped logs of seconds
-- per unit and of those logs squared, and when the last was reported), beside its units: the progress write
-- keeps them, so the job's pace is read from its row alone. Null until the step reports a unit.
ALTER TABLE job
    ADD COLUMN running_pace_units       BIGINT,
    ADD COLUMN running_pace_log_sum     DOUBLE PRECISION,
    ADD COLUMN running_pace_log_squares DOUBLE PRECISION,
    ADD COLUMN running_pace_at          TIMESTAMPTZ;

-- What runs of a step have shown of its units' speed: the usual mean log seconds per unit of a run, the
-- variance of a unit's log within a run, and the decayed number of runs behind them (null: nothing learned).
ALTER TABLE step_timing
    ADD COLUMN unit_log_mean        DOUBLE PRECISION,
    ADD COLUMN unit_within_variance DOUBLE PRECISION,
    ADD COLUMN unit_runs            DOUBLE PRECISION;
