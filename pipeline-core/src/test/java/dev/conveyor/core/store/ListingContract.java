package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's jobs, newest first, filtered and paged by an opaque cursor. */
abstract class ListingContract extends StoreContractSupport {

    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void jobsAreListedNewestFirst() {
        Job oldest = stored(aJob().createdAt(T0.plusSeconds(1)));
        Job newest = stored(aJob().createdAt(T0.plusSeconds(3)));
        Job middle = stored(aJob().createdAt(T0.plusSeconds(2)));

        JobPage page = store.list(ACME, JobQuery.firstPage(10));

        assertEquals(List.of(newest, middle, oldest), page.jobs());
        assertEquals(Optional.empty(), page.nextCursor());
    }

    @Test
    void jobsAreFilteredByStatusAndPipeline() {
        Job completedDocument = stored(aJob().forPipeline("documents").finished(JobStatus.COMPLETED, T0));
        stored(aJob().forPipeline("documents").withStatus(JobStatus.FAILED));
        Job completedImport = stored(aJob().forPipeline("imports").finished(JobStatus.COMPLETED, T0)
                .createdAt(T0.plusSeconds(1)));

        JobQuery query = JobQuery.firstPage(10);
        assertEquals(ids(List.of(completedImport, completedDocument)),
                ids(store.list(ACME, query.withStatus(JobStatus.COMPLETED)).jobs()));
        assertEquals(ids(List.of(completedImport)), ids(store.list(ACME, query.withPipeline("imports")).jobs()));
        assertEquals(ids(List.of(completedDocument)),
                ids(store.list(ACME, query.withStatus(JobStatus.COMPLETED).withPipeline("documents")).jobs()));
    }

    @Test
    void theCursorWalksEveryPageWithoutDuplicatesOrGaps() {
        List<Job> newestFirst = storeJobsCreatedOneSecondApart(25).reversed();

        List<JobPage> pages = allPages(JobQuery.firstPage(10));

        assertEquals(List.of(10, 10, 5), pages.stream().map(page -> page.jobs().size()).toList());
        assertEquals(ids(newestFirst), ids(pages.stream().flatMap(page -> page.jobs().stream()).toList()));
        assertEquals(Optional.empty(), pages.getLast().nextCursor());
    }

    @Test
    void jobsCreatedAtTheSameInstantArePagedWithoutDuplicatesOrGaps() {
        List<Job> sameInstant = IntStream.range(0, 7).mapToObj(n -> stored(aJob().createdAt(T0))).toList();

        List<Job> listed = allPages(JobQuery.firstPage(3)).stream().flatMap(page -> page.jobs().stream()).toList();

        assertEquals(sameInstant.size(), listed.size(), "jobs listed, counting repeats");
        assertEquals(new HashSet<>(ids(sameInstant)), new HashSet<>(ids(listed)));
    }

    @Test
    void aFilteredListPagesThroughOnlyMatchingJobs() {
        List<Job> all = storeJobsCreatedOneSecondApart(25);
        List<Job> expected = all.stream().filter(job -> job.status() == JobStatus.COMPLETED).toList().reversed();

        List<Job> listed = allPages(JobQuery.firstPage(4).withStatus(JobStatus.COMPLETED)).stream()
                .flatMap(page -> page.jobs().stream()).toList();

        assertEquals(ids(expected), ids(listed));
    }

    @Test
    void aLastPageThatIsExactlyFullHasNoCursor() {
        storeJobsCreatedOneSecondApart(10);

        assertEquals(Optional.empty(), store.list(ACME, JobQuery.firstPage(10)).nextCursor());
    }

    @Test
    void aTenantWithoutJobsGetsAnEmptyPage() {
        stored(aJob().forTenant("acme"));

        JobPage page = store.list(TenantId.of("initech"), JobQuery.firstPage(10));

        assertEquals(new JobPage(List.of(), Optional.empty()), page);
    }

    @Test
    void aMalformedCursorIsRejectedSayingSo() {
        stored(aJob());
        String garbage = Base64.getUrlEncoder().encodeToString("no cursor at all".getBytes(UTF_8));

        for (String cursor : List.of("%%not-base64%%", garbage, "")) {
            var rejected = assertThrows(IllegalArgumentException.class,
                    () -> store.list(ACME, JobQuery.firstPage(10).after(cursor)), "cursor '" + cursor + "'");
            assertTrue(rejected.getMessage().toLowerCase().contains("cursor"), rejected.getMessage());
        }
    }

    /** Jobs created one second apart, every third completed; in creation order. */
    private List<Job> storeJobsCreatedOneSecondApart(int count) {
        return IntStream.range(0, count).mapToObj(n -> stored(n % 3 == 0
                ? aJob().createdAt(T0.plusSeconds(n)).finished(JobStatus.COMPLETED, T0.plusSeconds(n + 1))
                : aJob().createdAt(T0.plusSeconds(n)))).toList();
    }

    private List<JobPage> allPages(JobQuery firstPage) {
        List<JobPage> pages = new ArrayList<>();
        JobPage page = store.list(ACME, firstPage);
        pages.add(page);
        while (page.nextCursor().isPresent()) {
            assertTrue(pages.size() <= 100, "the cursor should reach the end");
            page = store.list(ACME, firstPage.after(page.nextCursor().get()));
            pages.add(page);
        }
        return pages;
    }
}
