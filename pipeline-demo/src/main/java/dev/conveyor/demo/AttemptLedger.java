package dev.conveyor.demo;

import dev.conveyor.model.JobId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the attempts of each planned-to-fail step of each job, across the job's runs (a retry is a new run,
 * and the step context's attempt number starts again at 1 there). Kept in this process's memory, for the
 * most recent {@value #CAPACITY} such steps: a process that restarts, or another worker process, counts
 * afresh.
 */
final class AttemptLedger {

    static final int CAPACITY = 10_000;

    private final Map<String, Integer> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records one more attempt of {@code step} on {@code job}; returns its number, 1 for the first. */
    synchronized int next(JobId job, String step) {
        return attempts.merge(job + "/" + step, 1, Integer::sum);
    }
}
