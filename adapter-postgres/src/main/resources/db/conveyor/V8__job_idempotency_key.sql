-- A client may submit a job under an idempotency key, so that sending the same submit again (a retry after a
-- timeout) finds the job the first one created instead of creating a second. A tenant's key names at most one
-- job: the unique index makes the insert's ON CONFLICT DO NOTHING decide, atomically, which of many racing submits
-- creates it. The key lives as long as its job: deleting a finished job past its TTL frees it. The request's
-- fingerprint tells a retry of the same request (answered with the job) from a different one (refused).
ALTER TABLE job ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE job ADD COLUMN request_fingerprint VARCHAR(200);
ALTER TABLE job ADD CONSTRAINT job_idempotency_ck
    CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL));
CREATE UNIQUE INDEX job_idempotency_ux ON job (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
