-- Poison jobs: how many times in a row the running step's worker was lost (its lease expired because it died,
-- say out of memory, by a native crash or a halt). The expired-lease requeue counts it in its one statement; a
-- worker that claims a job at its pipeline's limit fails it as worker_lost instead of running the step again.
-- Cleared when a step ends and by retry. Not indexed, so the requeue and every step's write stay HOT.
ALTER TABLE job ADD COLUMN worker_losses SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE job ADD CONSTRAINT job_worker_losses_ck CHECK (worker_losses >= 0);

-- Retention: ttl_from now also dates the jobs that would otherwise wait for ever, those created but never
-- started and those awaiting review, from their last change; cleanup removes them after the idle TTL (longer
-- than the finished jobs' TTL, which keeps using the finished ones' ttl_from). Queued and running jobs keep null.
UPDATE job SET ttl_from = updated_at WHERE status IN ('CREATED', 'AWAITING_REVIEW') AND ttl_from IS NULL;

-- Cleanup deletes a job's audit events with it, by (tenant, job_id): audit_event_job_ix serves that.
