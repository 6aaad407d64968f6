package dev.conveyor.adapter.postgres;

import dev.conveyor.model.JobId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.Step;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Counts how often each step of each job completed, and on which engine: the evidence of "exactly once". */
final class StepLog {

    static final List<String> STEPS = List.of("extract", "classify", "review", "validate", "generate");

    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> jobsByEngine = new ConcurrentHashMap<>();

    /** Five no-op steps that record their completion as {@code engine}; the last counts the job for it. */
    PipelineDefinition pipeline(String engine) {
        PipelineDefinition.Builder builder = PipelineDefinition.named("noop");
        for (String name : STEPS) {
            builder.step(name, recording(engine, name));
        }
        return builder.build();
    }

    private Step recording(String engine, String name) {
        return context -> {
            completions.computeIfAbsent(key(context.jobId(), name), k -> new AtomicInteger()).incrementAndGet();
            context.put("done_by", engine);
            if (name.equals(STEPS.getLast())) {
                jobsByEngine.computeIfAbsent(engine, k -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    int completions(JobId job, String step) {
        AtomicInteger count = completions.get(key(job, step));
        return count == null ? 0 : count.get();
    }

    /** Step runs that happened more than once: empty when every step ran at most once. */
    Map<String, Integer> repeated() {
        return completions.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    int jobsFinishedBy(String engine) {
        AtomicInteger count = jobsByEngine.get(engine);
        return count == null ? 0 : count.get();
    }

    private static String key(JobId job, String step) {
        return job + "/" + step;
    }
}
