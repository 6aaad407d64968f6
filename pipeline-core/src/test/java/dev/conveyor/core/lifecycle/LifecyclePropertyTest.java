package dev.conveyor.core.lifecycle;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.MutableClock;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.in.SubmitJob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The job lifecycle, generatively: random interleavings of submit, process, retry, resume, cancel, worker death,
 * lease expiry and step outcomes, on the in-memory store with a test clock (no thread, no real sleep), checking
 * after every action that
 * <ul>
 *   <li>a job runs in one worker at a time: no step runs for a job another (dead) worker still leases;</li>
 *   <li>progress and cost never decrease, on the job and on its progress view;</li>
 *   <li>a completed step never runs again, unless the job was submitted with {@code force_reprocess};</li>
 *   <li>a job awaiting review or finished (completed, failed, cancelled) stays so until a command on it;</li>
 *   <li>and, over all tries, every one of those states is reached.</li>
 * </ul>
 * A fixed seed and try count keep it the same on every build; change the seed to explore elsewhere.
 */
class LifecyclePropertyTest {

    private static final String PIPELINE = "lifecycle";
    private static final List<String> WORK_STEPS = List.of("extract", "classify", "generate");
    private static final WorkerId GHOST = new WorkerId("ghost");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Set<JobStatus> SETTLED = EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED,
            JobStatus.CANCELLED, JobStatus.AWAITING_REVIEW);
    private static final Set<JobStatus> REACHED = ConcurrentHashMap.newKeySet();

    /** What a step does on its next runs, until the sequence changes it. */
    enum Outcome { OK, PARTIAL, TRANSIENT, PERMANENT, REVIEW }

    sealed interface Action {
    }

    record Submit(boolean start, boolean force, boolean skipReview) implements Action {
    }

    record Drain() implements Action {
    }

    record Process(int job) implements Action {
    }

    record Retry(int job) implements Action {
    }

    record Resume(int job, boolean approve) implements Action {
    }

    record Cancel(int job) implements Action {
    }

    /** A worker claims the oldest queued job and dies before doing anything with it. */
    record WorkerDies() implements Action {
    }

    /** Time passes beyond every lease and the maintenance requeues the jobs of dead workers. */
    record LeasesExpire() implements Action {
    }

    record StepOutcome(String step, Outcome outcome) implements Action {
    }

    @Property(tries = 150, seed = "20261129", shrinking = ShrinkingMode.BOUNDED)
    void theLifecycleInvariantsHoldForAnyInterleaving(@ForAll("sequences") List<Action> actions) {
        World world = new World();
        try {
            for (Action action : actions) {
                world.apply(action);
                world.check(action);
            }
        } finally {
            world.harness.close();
        }
    }

    @AfterContainer
    static void everySettledStateWasReached() {
        assertEquals(SETTLED, Set.copyOf(REACHED), "states reached over all tries");
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        Arbitrary<Integer> job = Arbitraries.integers().between(0, 3);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Combinators.combine(Arbitraries.of(true, true, false),
                        Arbitraries.of(false, false, false, true), Arbitraries.of(false, false, true))
                        .as(Submit::new)),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(new Drain())),
                net.jqwik.api.Tuple.of(1, job.map(Process::new)),
                net.jqwik.api.Tuple.of(3, job.map(Retry::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(job, Arbitraries.of(true, true, false)).as(Resume::new)),
                net.jqwik.api.Tuple.of(2, job.map(Cancel::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new WorkerDies())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new LeasesExpire())),
                net.jqwik.api.Tuple.of(4, Combinators.combine(Arbitraries.of(WORK_STEPS),
                        Arbitraries.of(Outcome.class)).as(StepOutcome::new)));
        return action.list().ofMinSize(1).ofMaxSize(30);
    }

    /** One try's engine, its jobs and what has been observed of them. */
    private static final class World {

        final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        final List<JobId> jobs = new ArrayList<>();
        final Set<JobId> forced = new HashSet<>();
        final Map<JobId, Set<String>> completedSteps = new HashMap<>();
        final Map<JobId, Integer> progress = new HashMap<>();
        final Map<JobId, Integer> viewProgress = new HashMap<>();
        final Map<JobId, Double> cost = new HashMap<>();
        final Map<JobId, Job> settled = new HashMap<>();
        final List<String> violations = new ArrayList<>();
        final Harness harness = new Harness(this::pipeline, builder -> builder.leaseLength(LEASE),
                new dev.conveyor.core.store.InMemoryJobStore());

        PipelineDefinition pipeline(MutableClock clock) {
            PipelineDefinition.Builder builder = PipelineDefinition.named(PIPELINE);
            for (String step : WORK_STEPS) {
                builder.step(step, 30, Estimate.fixed(Duration.ofSeconds(1)), ctx -> {
                    JobId id = ctx.jobId();
                    Job now = harness.conveyor.job(ACME, id).orElseThrow();
                    if (now.lease().filter(lease -> lease.owner().equals(GHOST)
                            && clock.instant().isBefore(lease.expiresAt())).isPresent()) {
                        violations.add("step " + step + " of " + id + " ran while a dead worker still leased it");
                    }
                    if (completedSteps.getOrDefault(id, Set.of()).contains(step) && !forced.contains(id)) {
                        violations.add("completed step " + step + " of " + id + " ran again");
                    }
                    clock.advance(Duration.ofMillis(200));
                    ctx.progress(1, 2);
                    ctx.addCost(0.01);
                    ctx.progress(2, 2);
                    switch (outcomes.getOrDefault(step, Outcome.OK)) {
                        case OK -> { }
                        case PARTIAL -> ctx.warn("one item of " + step + " was skipped");
                        case TRANSIENT -> throw StepException.transientFailure("the service is busy", null);
                        case PERMANENT -> throw StepException.permanent("bad_input", "the input cannot be read");
                        case REVIEW -> ctx.requestReview("item-" + step, 0.4, "is this right?");
                    }
                });
                if (step.equals("extract")) {
                    builder.reviewGate("review", 10);
                }
            }
            return builder.build();
        }

        void apply(Action action) {
            switch (action) {
                case Submit(boolean start, boolean force, boolean skipReview) -> {
                    PipelineOptions options = PipelineOptions.defaults().withForceReprocess(force)
                            .withSkipReview(skipReview);
                    Job job = harness.conveyor.submit(new SubmitJob(ACME, PIPELINE, Payload.of("n", jobs.size()),
                            options, start)).orElseThrow();
                    jobs.add(job.id());
                    if (force) {
                        forced.add(job.id());
                    }
                }
                case Drain() -> harness.drain();
                case Process(int job) -> newRun(job, harness.conveyor::process);
                case Retry(int job) -> newRun(job, harness.conveyor::retry);
                case Resume(int job, boolean approve) -> command(job, id -> {
                    Job current = harness.job(id);
                    List<ReviewDecision> decisions = current.reviewItems().stream().map(item -> approve
                            ? ReviewDecision.approve(item.id()) : ReviewDecision.reject(item.id(), "no")).toList();
                    return harness.conveyor.resume(ACME, id, decisions);
                });
                case Cancel(int job) -> command(job, id -> harness.conveyor.cancel(ACME, id));
                case WorkerDies() -> harness.store.claim(GHOST, Set.of(PIPELINE), 1, harness.clock.instant(), LEASE);
                case LeasesExpire() -> {
                    harness.advance(LEASE.plusSeconds(1));
                    harness.conveyor.maintenance().requeueExpired();
                }
                case StepOutcome(String step, Outcome outcome) -> outcomes.put(step, outcome);
            }
        }

        /**
         * A command that starts a new run of the n-th job: a forced job's new run re-processes every step, so its
         * progress starts again from its kept steps (none); any other job's never moves back.
         */
        private void newRun(int n, java.util.function.BiFunction<dev.conveyor.model.TenantId, JobId,
                dev.conveyor.port.in.Outcome<?>> command) {
            command(n, id -> {
                dev.conveyor.port.in.Outcome<?> outcome = command.apply(ACME, id);
                if (outcome.isAccepted() && forced.contains(id)) {
                    progress.remove(id);
                    viewProgress.remove(id);
                }
                return outcome;
            });
        }

        /** A command on the n-th job (if there is one): whatever it answers, the job may leave a settled state. */
        private void command(int n, java.util.function.Function<JobId, ?> command) {
            if (n < jobs.size()) {
                JobId id = jobs.get(n);
                command.apply(id);
                settled.remove(id);
            }
        }

        void check(Action action) {
            if (!violations.isEmpty()) {
                fail("after " + action + ": " + violations);
            }
            for (JobId id : jobs) {
                Job job = harness.job(id);
                int shown = harness.progress(id).pipelineProgress();
                monotone(progress, id, job.progress(), "progress", action);
                monotone(viewProgress, id, shown, "the progress view's pipeline_progress", action);
                Double before = cost.put(id, job.costUsd());
                assertTrue(before == null || job.costUsd() >= before - 1e-9,
                        () -> "cost of " + id + " went from " + before + " to " + job.costUsd() + " after " + action);
                Job wasSettled = settled.get(id);
                if (wasSettled != null) {
                    assertEquals(wasSettled.status(), job.status(), () -> "job " + id + " left "
                            + wasSettled.status() + " without a command on it, after " + action);
                }
                if (SETTLED.contains(job.status()) && !job.processing()) {
                    settled.putIfAbsent(id, job);
                    REACHED.add(job.status());
                }
                job.steps().stream().filter(step -> step.status() == StepStatus.COMPLETED)
                        .forEach(step -> completedSteps.computeIfAbsent(id, k -> new HashSet<>()).add(step.name()));
            }
        }

        private static void monotone(Map<JobId, Integer> seen, JobId id, int now, String what, Action after) {
            Integer before = seen.put(id, now);
            assertTrue(before == null || now >= before,
                    () -> what + " of " + id + " went from " + before + " to " + now + " after " + after);
        }
    }
}
