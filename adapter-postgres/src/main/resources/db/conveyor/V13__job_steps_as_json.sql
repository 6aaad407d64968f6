-- Every transition of a job rewrites its step records, the whole array (about 2 kB of text for five steps with
-- what was learned of each). As JSONB, PostgreSQL parsed that text into its binary form at every write (every
-- number through numeric input, every object's keys sorted) and printed it back as text at every read: a
-- seventh of its CPU per five-step job. No statement, index or constraint looks inside the steps; the adapter
-- writes and reads them whole. As JSON the text is only checked to be JSON on the way in and is kept and
-- returned as it was sent. Changing the type rewrites the table (locked meanwhile), converting each stored
-- value to its text, and clears the column's compression method, set again here as in V10.
--
-- A job's row is updated about six times in a run of five steps, four of them (one step done, the next started)
-- changing no indexed column: those stay on the row's page (HOT, no index entry written) only while the page
-- has room for the new version. The jobs on one page are claimed together and run at once, so at fillfactor 70
-- (three rows of about 1.7 kB a page) their pages filled up and fewer than half of the updates were HOT. Half
-- a page left free for new versions keeps more of them HOT. Set before the rewrite, which packs the rows to it.
/* [jooq ignore start] */
ALTER TABLE job SET (fillfactor = 50);
/* [jooq ignore stop] */
ALTER TABLE job ALTER COLUMN pipeline_steps TYPE JSON;
/* [jooq ignore start] */
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE job ALTER COLUMN pipeline_steps SET COMPRESSION lz4;
    END IF;
END
$$;
/* [jooq ignore stop] */
