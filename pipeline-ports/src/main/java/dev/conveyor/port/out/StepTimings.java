package dev.conveyor.port.out;

import dev.conveyor.model.StepTiming;

import java.util.Map;

/** The duration history behind the ETA: per pipeline and step, a moving average of seconds per unit. */
public interface StepTimings {

    /** Everything learned for a pipeline, by step name; steps never run are absent. */
    Map<String, StepTiming> find(String pipeline);

    void save(String pipeline, String step, StepTiming timing);
}
