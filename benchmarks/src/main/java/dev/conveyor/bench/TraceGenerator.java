package dev.conveyor.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Draws jobs of a {@link Workload} from a seeded {@link Random}, whose algorithm the JDK specifies, so a seed
 * gives the same traces on every JVM.
 */
final class TraceGenerator {

    private static final List<String> STEPS = List.of(SeedWorkload.EXTRACT, SeedWorkload.CLASSIFY,
            SeedWorkload.VALIDATE, SeedWorkload.GENERATE);

    private final Workload workload;
    private final Random random;

    TraceGenerator(Workload workload, long seed) {
        this.workload = workload;
        this.random = new Random(seed);
    }

    List<JobTrace> next(int jobs) {
        List<JobTrace> traces = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            traces.add(next());
        }
        return traces;
    }

    JobTrace next() {
        int files = between(workload.minFiles(), workload.maxFiles());
        int items = between(workload.minItems(), workload.maxItems());
        double pace = Math.exp(random.nextGaussian() * workload.jobSpread());
        Map<String, double[]> seconds = new HashMap<>(Map.of(
                SeedWorkload.EXTRACT, units(files, workload.extractSecondsPerFile() * pace),
                SeedWorkload.CLASSIFY, units(items, workload.classifySecondsPerItem() * pace),
                SeedWorkload.VALIDATE, new double[] {once(workload.validateSeconds() * pace)},
                SeedWorkload.GENERATE, new double[] {once(workload.generateSeconds() * pace)}));
        // no draw at all for a workload without overruns, so its traces stay what they were
        if (workload.overrunShare() > 0.0 && random.nextDouble() < workload.overrunShare()) {
            String step = STEPS.get(random.nextInt(STEPS.size()));
            double factor = workload.overrunMin() + random.nextDouble() * (workload.overrunMax() - workload.overrunMin());
            double[] overrun = seconds.get(step);
            for (int i = 0; i < overrun.length; i++) {
                overrun[i] *= factor;
            }
            return new JobTrace(files, items, pace, seconds, Set.of(step));
        }
        return new JobTrace(files, items, pace, seconds, Set.of());
    }

    private double[] units(int count, double typical) {
        double[] seconds = new double[count];
        for (int i = 0; i < count; i++) {
            double slow = random.nextDouble() < workload.slowShare() ? workload.slowFactor() : 1.0;
            seconds[i] = typical * slow * Math.exp(random.nextGaussian() * workload.itemSpread());
        }
        return seconds;
    }

    private double once(double typical) {
        return typical * Math.exp(random.nextGaussian() * workload.fixedSpread());
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
