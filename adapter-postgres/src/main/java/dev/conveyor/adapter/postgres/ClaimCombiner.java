package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.CallerLedBatches.Slot;
import dev.conveyor.model.Job;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore.FirstTransition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Claims in batches: worker threads that ask for work at the same time share one claim (one statement, or a
 * transaction of two when callers write their runs' first transitions with the claim). One round at a time
 * ({@link CallerLedBatches#oneAtATime}), so the callers that arrive meanwhile all go in the next, which waits a
 * moment for the workers the last round answered to come back ({@link CallerLedBatches#GATHER}). A round uses the
 * latest {@code now} of its callers (they differ by moments), and hands the oldest jobs to the earliest callers.
 */
final class ClaimCombiner {

    private static final int MAX_CALLERS = 1024;

    /** The claim a round runs: {@code firstOf} gives the first transition of the claimed job at an index, or null. */
    @FunctionalInterface
    interface ClaimStatement {
        List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                        IntFunction<FirstTransition> firstOf);
    }

    private record Request(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                           FirstTransition first) {

        Key key() {
            return new Key(worker, pipelines, leaseLength);
        }
    }

    private record Key(WorkerId worker, Set<String> pipelines, Duration leaseLength) {
    }

    private final ClaimStatement statement;
    private final CallerLedBatches<Request, List<Job>> rounds;

    ClaimCombiner(ClaimStatement statement) {
        this.statement = statement;
        this.rounds = CallerLedBatches.oneAtATime(MAX_CALLERS, CallerLedBatches.GATHER, this::runRound);
    }

    /** @param first the caller's runs' first transitions, or null to claim only */
    List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                    FirstTransition first) {
        return rounds.submit(new Request(worker, Set.copyOf(pipelines), max, now, leaseLength, first));
    }

    private void runRound(List<Slot<Request, List<Job>>> slots) {
        Map<Key, List<Slot<Request, List<Job>>>> byKey = new LinkedHashMap<>();
        slots.forEach(slot -> byKey.computeIfAbsent(slot.request().key(), key -> new ArrayList<>()).add(slot));
        byKey.forEach((key, callers) -> {
            try {
                int total = callers.stream().mapToInt(slot -> slot.request().max()).sum();
                Instant now = callers.stream().map(slot -> slot.request().now())
                        .max(Comparator.naturalOrder()).orElseThrow();
                FirstTransition[] firsts = new FirstTransition[total];
                int at = 0;
                for (Slot<Request, List<Job>> slot : callers) {
                    for (int i = 0; i < slot.request().max(); i++) {
                        firsts[at++] = slot.request().first();
                    }
                }
                List<Job> jobs = statement.claim(key.worker(), key.pipelines(), total, now, key.leaseLength(),
                        index -> firsts[index]);
                int next = 0;
                for (Slot<Request, List<Job>> slot : callers) {
                    int end = Math.min(jobs.size(), next + slot.request().max());
                    // One list class for any number of jobs (List.copyOf answers one class for up to two
                    // elements and another above), so the callers' code is compiled once, not again per class.
                    slot.answer(Collections.unmodifiableList(new ArrayList<>(jobs.subList(next, end))));
                    next = end;
                }
            } catch (RuntimeException e) {
                callers.forEach(slot -> slot.fail(e));
            }
        });
    }
}
