-- A job's row is written again by every transition, and with its step records (what was learned of each step
-- to run included) it passes 2 kB, where PostgreSQL compresses its JSONB on every write. With its default, pglz,
-- that took about 7 % of PostgreSQL's CPU per five-step job (83 µs of CPU per update of such a row, 61 µs with
-- lz4). lz4 compresses this JSON about as small, so rows stay as compact, and their updates as often heap-only,
-- as before; leaving them uncompressed instead made them 3.5 kB and the table twice as large. Values already
-- stored stay as they are, readable either way, until their row is next written. A server built without lz4
-- keeps pglz.
/* [jooq ignore start] */
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE job ALTER COLUMN pipeline_steps SET COMPRESSION lz4,
                        ALTER COLUMN input SET COMPRESSION lz4,
                        ALTER COLUMN options SET COMPRESSION lz4,
                        ALTER COLUMN review_items SET COMPRESSION lz4,
                        ALTER COLUMN review_decisions SET COMPRESSION lz4;
    END IF;
END
$$;
/* [jooq ignore stop] */
