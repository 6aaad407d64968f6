-- How far each pipeline's recent ETAs could be trusted, beside its learned step timings: the decayed mean
-- absolute percentage error of the remaining time a job showed at 25, 50 and 75 % of its run's actual duration,
-- and how many completed runs were judged. One row per pipeline, replaced as runs complete.
CREATE TABLE eta_accuracy (
    pipeline         VARCHAR(200)             NOT NULL,
    samples          BIGINT                   NOT NULL,
    mape_25_percent  DOUBLE PRECISION         NOT NULL,
    mape_50_percent  DOUBLE PRECISION         NOT NULL,
    mape_75_percent  DOUBLE PRECISION         NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT eta_accuracy_pk PRIMARY KEY (pipeline),
    CONSTRAINT eta_accuracy_samples_ck CHECK (samples > 0)
);
