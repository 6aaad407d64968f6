package dev.conveyor.adapter.postgres;

import java.util.concurrent.atomic.LongAdder;

/** Counts the group-commit writer's commits and the writes they carried, for benchmarks and operators. */
final class WriteCounter {

    private final LongAdder commits = new LongAdder();
    private final LongAdder writes = new LongAdder();

    void committed(int writesInCommit) {
        commits.increment();
        writes.add(writesInCommit);
    }

    long commits() {
        return commits.sum();
    }

    long writes() {
        return writes.sum();
    }
}
