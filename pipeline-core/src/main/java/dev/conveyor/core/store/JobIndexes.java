package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The in-memory store's secondary indexes, so that claiming, lease expiry, cleanup and listing never scan every
 * job. The store moves a job's keys inside the same atomic write that changes the job, so a key is present
 * exactly while its job qualifies; readers still re-check the job, since they read without that lock.
 */
final class JobIndexes {

    private final ConcurrentMap<String, NavigableSet<IndexKey>> queuedByPipeline = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<IndexKey> leased = new ConcurrentSkipListSet<>();
    private final ConcurrentSkipListSet<IndexKey> finished = new ConcurrentSkipListSet<>();
    private final ConcurrentMap<TenantId, NavigableSet<IndexKey>> newestFirstByTenant = new ConcurrentHashMap<>();
    private final ConcurrentMap<ItemKey, NavigableSet<IndexKey>> newestFirstByItem = new ConcurrentHashMap<>();

    /** The jobs of one pipeline and tenant whose input names one item. */
    private record ItemKey(TenantId tenant, String pipeline, String item) {
        static ItemKey of(Job job) {
            return job.input().get(Job.ITEM).map(item -> new ItemKey(job.tenant(), job.pipeline(), item.toString()))
                    .orElse(null);
        }
    }

    /** Queued jobs a worker may claim, keyed by when they were queued. */
    static boolean isClaimable(Job job) {
        return job.status() == JobStatus.QUEUED && job.processing();
    }

    /** Moves the keys of a job from its {@code before} state to its {@code after} state; null means absent. */
    void replace(Job before, Job after) {
        if (before != null && after != null && !before.pipeline().equals(after.pipeline())) {
            replace(before, null); // the queue is per pipeline: leave the old one, join the new one
            replace(null, after);
            return;
        }
        Job any = before != null ? before : Objects.requireNonNull(after, "before or after");
        move(queuedByPipeline.computeIfAbsent(any.pipeline(), key -> new ConcurrentSkipListSet<>()),
                queueKey(before), queueKey(after));
        move(leased, leaseKey(before), leaseKey(after));
        move(finished, finishedKey(before), finishedKey(after));
        NavigableSet<IndexKey> ofTenant = newestFirstByTenant.computeIfAbsent(any.tenant(),
                key -> newestFirstSet());
        move(ofTenant, listKey(before), listKey(after));
        moveItem(before, after);
    }

    /** Input and tenant never change in practice, but a write may carry any job: keep each key in its own set. */
    private void moveItem(Job before, Job after) {
        ItemKey from = before == null ? null : ItemKey.of(before);
        ItemKey to = after == null ? null : ItemKey.of(after);
        if (Objects.equals(from, to)) {
            if (from != null) {
                move(newestFirstByItem.computeIfAbsent(from, key -> newestFirstSet()), listKey(before), listKey(after));
            }
            return;
        }
        if (from != null) {
            newestFirstByItem.computeIfPresent(from, (key, set) -> {
                set.remove(listKey(before));
                return set.isEmpty() ? null : set;
            });
        }
        if (to != null) {
            newestFirstByItem.computeIfAbsent(to, key -> newestFirstSet()).add(listKey(after));
        }
    }

    private static NavigableSet<IndexKey> newestFirstSet() {
        return new ConcurrentSkipListSet<>(Comparator.reverseOrder());
    }

    /**
     * Takes the oldest queued key of the given pipelines off the queue, or null; only one caller ever gets a
     * given key.
     */
    IndexKey pollOldestQueued(Set<String> pipelines) {
        while (true) {
            NavigableSet<IndexKey> oldest = null;
            IndexKey oldestKey = null;
            for (String pipeline : pipelines) {
                NavigableSet<IndexKey> queue = queuedByPipeline.get(pipeline);
                IndexKey first = queue == null || queue.isEmpty() ? null : firstOrNull(queue);
                if (first != null && (oldestKey == null || first.compareTo(oldestKey) < 0)) {
                    oldest = queue;
                    oldestKey = first;
                }
            }
            if (oldest == null) {
                return null;
            }
            IndexKey taken = oldest.pollFirst();
            if (taken != null) {
                return taken;
            }
        }
    }

    /** The oldest queued key of any pipeline, left on the queue; empty when nothing is queued. */
    Optional<IndexKey> oldestQueued() {
        return queuedByPipeline.values().stream().map(JobIndexes::firstOrNull).filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    /** How many jobs the queues hold, of every pipeline. */
    long queuedCount() {
        return queuedByPipeline.values().stream().mapToLong(java.util.Set::size).sum();
    }

    private static IndexKey firstOrNull(NavigableSet<IndexKey> queue) {
        try {
            return queue.first();
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    List<IndexKey> leasesExpiredAt(Instant now) {
        return leased.stream().takeWhile(key -> !key.at().isAfter(now)).toList();
    }

    List<IndexKey> finishedBefore(Instant cutoff) {
        return finished.stream().takeWhile(key -> key.at().isBefore(cutoff)).toList();
    }

    /** The jobs of a tenant's pipeline whose input names {@code item}, newest first; a live view. */
    NavigableSet<IndexKey> newestFirst(TenantId tenant, String pipeline, String item) {
        return newestFirstByItem.getOrDefault(new ItemKey(tenant, pipeline, item), Collections.emptyNavigableSet());
    }

    /** A tenant's jobs by creation, newest first; a live view. */
    NavigableSet<IndexKey> newestFirst(TenantId tenant) {
        return newestFirstByTenant.getOrDefault(tenant, Collections.emptyNavigableSet());
    }

    private static IndexKey queueKey(Job job) {
        return job != null && isClaimable(job) ? new IndexKey(job.updatedAt(), job.id()) : null;
    }

    private static IndexKey leaseKey(Job job) {
        return job != null && job.status() == JobStatus.RUNNING && job.lease().isPresent()
                ? new IndexKey(job.lease().get().expiresAt(), job.id()) : null;
    }

    private static IndexKey finishedKey(Job job) {
        return job != null && job.status().isFinished()
                ? new IndexKey(job.finishedAt().orElse(job.updatedAt()), job.id()) : null;
    }

    private static IndexKey listKey(Job job) {
        return job != null ? new IndexKey(job.createdAt(), job.id()) : null;
    }

    private static void move(NavigableSet<IndexKey> index, IndexKey from, IndexKey to) {
        if (Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            index.remove(from);
        }
        if (to != null) {
            index.add(to);
        }
    }
}
