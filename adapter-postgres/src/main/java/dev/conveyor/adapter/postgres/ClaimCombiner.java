package dev.conveyor.adapter.postgres;

import dev.conveyor.model.Job;
import dev.conveyor.model.WorkerId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Claims in batches: worker threads that ask for work at the same time share one claim statement. One caller
 * at a time runs a round for everyone waiting; the others queue on the lock meanwhile, so the next round
 * takes all of them together. A round uses the latest {@code now} of its callers (they differ by moments),
 * and hands the oldest jobs to the earliest callers.
 */
final class ClaimCombiner {

    /** The single claim statement a round runs. */
    @FunctionalInterface
    interface ClaimStatement {
        List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength);
    }

    private record Request(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                           CompletableFuture<List<Job>> result) {

        Key key() {
            return new Key(worker, pipelines, leaseLength);
        }
    }

    private record Key(WorkerId worker, Set<String> pipelines, Duration leaseLength) {
    }

    private final ClaimStatement statement;
    private final ConcurrentLinkedQueue<Request> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock round = new ReentrantLock();

    ClaimCombiner(ClaimStatement statement) {
        this.statement = statement;
    }

    List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        Request request = new Request(worker, Set.copyOf(pipelines), max, now, leaseLength, new CompletableFuture<>());
        waiting.add(request);
        round.lock();
        try {
            if (!request.result().isDone()) {
                runRound();
            }
        } finally {
            round.unlock();
        }
        return request.result().join();
    }

    private void runRound() {
        Map<Key, List<Request>> byKey = new LinkedHashMap<>();
        for (Request next = waiting.poll(); next != null; next = waiting.poll()) {
            byKey.computeIfAbsent(next.key(), key -> new ArrayList<>()).add(next);
        }
        byKey.forEach((key, requests) -> {
            try {
                int total = requests.stream().mapToInt(Request::max).sum();
                Instant now = requests.stream().map(Request::now).max(Comparator.naturalOrder()).orElseThrow();
                List<Job> jobs = statement.claim(key.worker(), key.pipelines(), total, now, key.leaseLength());
                int next = 0;
                for (Request request : requests) {
                    int end = Math.min(jobs.size(), next + request.max());
                    request.result().complete(List.copyOf(jobs.subList(next, end)));
                    next = end;
                }
            } catch (RuntimeException e) {
                requests.forEach(request -> request.result().completeExceptionally(e));
            }
        });
    }
}
