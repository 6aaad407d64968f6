package dev.conveyor.bench;

import dev.conveyor.core.eta.EtaTuning;

import java.util.Objects;

/**
 * One run of the ETA study: the seed of its traces, how many jobs warm the learner up, how many are then
 * evaluated, our estimator's knobs, and the workload.
 */
record StudyConfig(long seed, int warmupJobs, int evaluatedJobs, EtaTuning tuning, Workload workload) {

    static final long DEFAULT_SEED = 1L;

    StudyConfig {
        Objects.requireNonNull(tuning, "tuning must not be null");
        Objects.requireNonNull(workload, "workload must not be null");
        if (warmupJobs < 0 || evaluatedJobs < 1) {
            throw new IllegalArgumentException("warmupJobs must be >= 0 and evaluatedJobs >= 1");
        }
    }

    static StudyConfig defaults() {
        return new StudyConfig(DEFAULT_SEED, 50, 500, EtaTuning.defaults(), Workload.defaults());
    }

    /**
     * Reads {@code --seed N --warmup N --jobs N --prior-units X --overrun-share X --pace-spread X
     * --workload default|overruns} over the defaults ({@code --pace-spread 0} ignores the job's pace).
     */
    static StudyConfig parse(String... args) {
        StudyConfig config = defaults();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            EtaTuning tuning = config.tuning;
            config = switch (args[i]) {
                case "--seed" -> new StudyConfig(Long.parseLong(value), config.warmupJobs, config.evaluatedJobs,
                        tuning, config.workload);
                case "--warmup" -> new StudyConfig(config.seed, Integer.parseInt(value), config.evaluatedJobs,
                        tuning, config.workload);
                case "--jobs" -> new StudyConfig(config.seed, config.warmupJobs, Integer.parseInt(value), tuning,
                        config.workload);
                case "--prior-units" -> config.with(tuning.withPriorUnits(Double.parseDouble(value)));
                case "--overrun-share" -> config.with(tuning.withOverrunShare(Double.parseDouble(value)));
                case "--pace-spread" -> config.with(tuning.withPaceSpread(Double.parseDouble(value)));
                case "--workload" -> new StudyConfig(config.seed, config.warmupJobs, config.evaluatedJobs, tuning,
                        Workload.named(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --seed, "
                        + "--warmup, --jobs, --prior-units, --overrun-share, --pace-spread, --workload)");
            };
        }
        return config;
    }

    StudyConfig with(EtaTuning newTuning) {
        return new StudyConfig(seed, warmupJobs, evaluatedJobs, newTuning, workload);
    }
}
