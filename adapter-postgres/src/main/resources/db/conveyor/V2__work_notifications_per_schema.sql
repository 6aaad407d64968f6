-- Idle workers are woken by LISTEN/NOTIFY when a job becomes claimable; polling stays the fallback.
-- V1 notified one channel for the whole database, so every Conveyor schema in it woke every other, and it
-- notified on any write to a queued job. Here the channel is the schema's own (WorkChannel in the adapter:
-- 'conveyor_work_' || schema, cut to PostgreSQL's 63-byte limit) and a notification is sent only when
-- queued_at is set, which happens exactly when a job becomes claimable (queued and processing; see
-- job_queued_at_ck): inserted started, started, retried, resumed, handed back, or re-queued after its lease
-- expired. Progress writes do not name queued_at, so the UPDATE OF trigger does not even look at them.
-- PostgreSQL folds identical notifications of one transaction into one, so a group commit of many jobs
-- sends one; a rolled-back transaction sends none.
/* [jooq ignore start] */
DROP TRIGGER job_queued_notify ON job;
DROP FUNCTION conveyor_notify_work();

CREATE FUNCTION conveyor_notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(left('conveyor_work_' || TG_TABLE_SCHEMA, 63), '');
    RETURN NULL;
END
$$;

CREATE TRIGGER job_inserted_queued_notify
    AFTER INSERT ON job
    FOR EACH ROW WHEN (NEW.queued_at IS NOT NULL)
    EXECUTE FUNCTION conveyor_notify_work();

CREATE TRIGGER job_queued_notify
    AFTER UPDATE OF queued_at ON job
    FOR EACH ROW WHEN (NEW.queued_at IS NOT NULL AND NEW.queued_at IS DISTINCT FROM OLD.queued_at)
    EXECUTE FUNCTION conveyor_notify_work();
/* [jooq ignore stop] */
