-- The set-based writes send their rows as one array of a composite type each, which unnest turns back into rows:
-- one parameter per statement instead of one array per column. PostgreSQL receives and walks each unnest argument
-- on its own, so a transition of 33 columns paid 33 times for what one argument costs. Each type's attributes are
-- exactly its write's parameters, in order and of these types (text, not varchar: the binary rows name each
-- column's type); the adapter's tests hold them to the writes. A migration that adds a column a write sends adds
-- it to that write's type too.
/* [jooq ignore start] */
CREATE TYPE job_insert_row AS (
    n                        INT4,
    id                       UUID,
    tenant                   TEXT,
    pipeline                 TEXT,
    status                   TEXT,
    input                    JSONB,
    options                  JSONB,
    pipeline_steps           JSON,
    current_step             TEXT,
    progress                 INT2,
    processing               BOOL,
    error_code               TEXT,
    error_message            TEXT,
    cost_usd                 FLOAT8,
    estimated_completion_at  TIMESTAMPTZ,
    review_items             JSONB,
    review_decisions         JSONB,
    lease_owner              TEXT,
    lease_expires_at         TIMESTAMPTZ,
    cancel_requested         BOOL,
    running_step             TEXT,
    running_units_done       INT8,
    running_units_total      INT8,
    running_cost_usd         FLOAT8,
    queued_at                TIMESTAMPTZ,
    ttl_from                 TIMESTAMPTZ,
    created_at               TIMESTAMPTZ,
    updated_at               TIMESTAMPTZ,
    started_at               TIMESTAMPTZ,
    finished_at              TIMESTAMPTZ,
    version                  INT8,
    worker_losses            INT2,
    idempotency_key          TEXT,
    request_fingerprint      TEXT,
    running_pace_units       INT8,
    running_pace_log_sum     FLOAT8,
    running_pace_log_squares FLOAT8,
    running_pace_at          TIMESTAMPTZ
);

CREATE TYPE job_update_row AS (
    n                        INT4,
    id                       UUID,
    tenant                   TEXT,
    expected_version         INT8,
    options                  JSONB,
    status                   TEXT,
    pipeline_steps           JSON,
    current_step             TEXT,
    progress                 INT2,
    processing               BOOL,
    error_code               TEXT,
    error_message            TEXT,
    cost_usd                 FLOAT8,
    estimated_completion_at  TIMESTAMPTZ,
    review_items             JSONB,
    review_decisions         JSONB,
    lease_owner              TEXT,
    lease_expires_at         TIMESTAMPTZ,
    cancel_requested         BOOL,
    worker_losses            INT2,
    running_step             TEXT,
    running_units_done       INT8,
    running_units_total      INT8,
    running_cost_usd         FLOAT8,
    updated_at               TIMESTAMPTZ,
    started_at               TIMESTAMPTZ,
    finished_at              TIMESTAMPTZ,
    queued_at                TIMESTAMPTZ,
    ttl_from                 TIMESTAMPTZ,
    running_pace_units       INT8,
    running_pace_log_sum     FLOAT8,
    running_pace_log_squares FLOAT8,
    running_pace_at          TIMESTAMPTZ
);

CREATE TYPE job_progress_row AS (
    n                        INT4,
    id                       UUID,
    tenant                   TEXT,
    worker                   TEXT,
    running_step             TEXT,
    running_units_done       INT8,
    running_units_total      INT8,
    running_cost_usd         FLOAT8,
    progress                 INT2,
    cost_usd                 FLOAT8,
    estimated_completion_at  TIMESTAMPTZ,
    running_pace_units       INT8,
    running_pace_log_sum     FLOAT8,
    running_pace_log_squares FLOAT8,
    running_pace_at          TIMESTAMPTZ
);

CREATE TYPE audit_event_row AS (
    n                        INT4,
    tenant                   TEXT,
    job_id                   UUID,
    type                     TEXT,
    at                       TIMESTAMPTZ,
    details                  JSONB
);

CREATE TYPE notification_outbox_row AS (
    n                        INT4,
    tenant                   TEXT,
    job_id                   UUID,
    event                    TEXT,
    step                     TEXT,
    at                       TIMESTAMPTZ
);
/* [jooq ignore stop] */
