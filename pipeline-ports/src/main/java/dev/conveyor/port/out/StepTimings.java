package dev.conveyor.port.out;

import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.StepTiming;

import java.util.Map;

/**
 * The duration history behind the ETA: per pipeline and step, a moving average of seconds per unit; and per
 * pipeline, how far its recent ETAs could be trusted.
 */
public interface StepTimings {

    /** Everything learned for a pipeline, by step name; steps never run are absent. */
    Map<String, StepTiming> find(String pipeline);

    void save(String pipeline, String step, StepTiming timing);

    /** How far the pipeline's recent ETAs could be trusted; {@link EtaAccuracy#NONE} before any run is judged. */
    EtaAccuracy accuracy(String pipeline);

    /** Replaces the pipeline's ETA accuracy. */
    void saveAccuracy(String pipeline, EtaAccuracy accuracy);
}
