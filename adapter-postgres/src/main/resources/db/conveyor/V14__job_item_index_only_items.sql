-- The item lookup (a batch re-run finding the newest job for each of its items) is the only reader of
-- job_item_ix, and it asks only for items. Jobs submitted by the REST API or the library name no item, yet each
-- had an entry under NULL, written at insert and again at every update that changes an indexed column (the
-- claim and the completion). Only jobs that name an item are indexed now; the lookup states the same condition
-- so the planner can use the index.
/* [jooq ignore start] */
DROP INDEX job_item_ix;
CREATE INDEX job_item_ix ON job (tenant, pipeline, (input ->> 'item'), created_at DESC, id DESC)
    WHERE (input ->> 'item') IS NOT NULL;
/* [jooq ignore stop] */
