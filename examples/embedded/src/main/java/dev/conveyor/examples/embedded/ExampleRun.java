package dev.conveyor.examples.embedded;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the application does with its engine: submit a few texts, poll their progress as a web page would, and
 * check every report once the jobs are done. Returns the process exit code: 0 when every job completed with
 * the right report.
 */
final class ExampleRun {

    static final Duration PER_WORD = Duration.ofMillis(15);
    private static final TenantId TENANT = TenantId.of("example");
    private static final List<String> TEXTS = List.of(
            "Conveyor runs multi-step background pipelines and tells anyone who asks where each job stands",
            "An old silent pond, a frog jumps into the pond, splash, silence again",
            "Transient errors are retried with back-off and a failed job resumes from its failed step");

    private ExampleRun() {
    }

    static int run(Conveyor conveyor, String store) throws InterruptedException {
        System.out.printf("embedded example on the %s store, pipelines %s%n", store,
                conveyor.pipelines().stream().map(p -> p.name()).toList());
        Map<JobId, String> texts = new LinkedHashMap<>();
        for (String text : TEXTS) {
            Job job = conveyor.submit(SubmitJob.startNow(TENANT, WordReport.NAME, Payload.of("text", text))).orElseThrow();
            texts.put(job.id(), text);
        }
        List<Job> finished = pollUntilFinished(conveyor, texts.keySet(), Duration.ofSeconds(60));
        int failures = 0;
        for (Job job : finished) {
            String[] words = WordReport.words(texts.get(job.id()));
            long counted = job.step("count").orElseThrow().output().getLong("words", -1);
            String longest = job.step("rank").orElseThrow().output().getString("longest", "");
            boolean right = job.status() == JobStatus.COMPLETED && counted == words.length
                    && longest.length() == java.util.Arrays.stream(words).mapToInt(String::length).max().orElse(0);
            System.out.printf("%s %s: %d words, longest '%s'%s%n", job.id().value(), job.status().wireName(), counted,
                    longest, right ? "" : "  <- WRONG");
            failures += right ? 0 : 1;
        }
        System.out.println(failures == 0 ? "all " + finished.size() + " jobs completed" : failures + " jobs went wrong");
        return failures == 0 ? 0 : 1;
    }

    /** Polls every job's progress every 100 ms, printing a line whenever one changes, until none is processing. */
    private static List<Job> pollUntilFinished(Conveyor conveyor, Iterable<JobId> ids, Duration timeout)
            throws InterruptedException {
        Map<JobId, String> lastSeen = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Job> finished = new ArrayList<>();
            boolean running = false;
            for (JobId id : ids) {
                ProgressView view = conveyor.progress(TENANT, id).orElseThrow();
                String line = String.format("%-12s %3d%%  step %-8s  eta %s", view.status(), view.pipelineProgress(),
                        view.currentStep().orElse("-"),
                        view.estimatedRemainingSeconds().map(s -> s + " s").orElse("-"));
                if (!line.equals(lastSeen.put(id, line))) {
                    System.out.println(id.value() + "  " + line);
                }
                running |= view.isProcessing();
                conveyor.job(TENANT, id).filter(job -> job.status().isFinished()).ifPresent(finished::add);
            }
            if (!running && finished.size() == lastSeen.size()) {
                return finished;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the jobs did not finish within " + timeout + ": " + lastSeen);
            }
            Thread.sleep(100);
        }
    }
}
