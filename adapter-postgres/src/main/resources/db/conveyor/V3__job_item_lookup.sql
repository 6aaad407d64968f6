-- A batch re-run finds the newest job its pipeline already has for each of its items (input ->> 'item'),
-- a batch of items in one statement. This index makes each item one probe, however long the tenant's history;
-- the item never changes after insert, so job updates stay HOT. Jobs whose input names no item are indexed
-- under NULL, which no lookup asks for.
/* [jooq ignore start] */
CREATE INDEX job_item_ix ON job (tenant, pipeline, (input ->> 'item'), created_at DESC, id DESC);
/* [jooq ignore stop] */
