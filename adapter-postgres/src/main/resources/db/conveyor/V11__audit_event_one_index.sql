-- Every five-step job writes a dozen audit events, and each event was inserted into two indexes: the primary key
-- on id, which no query reads, and (tenant, job_id, at). Job ids are unique across tenants, so one key,
-- (job_id, at, id), serves every read of the table: a job's events in time order with the (at, id) cursor of
-- its pages, the check a retried insert makes for an event already stored (job, time, type), and the delete
-- that removes a job's events with it. The tenant is checked on the row the key finds. Rebuilding the key
-- locks the table for as long as it takes to index the events already kept.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pk;
DROP INDEX audit_event_job_ix;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_pk PRIMARY KEY (job_id, at, id);
