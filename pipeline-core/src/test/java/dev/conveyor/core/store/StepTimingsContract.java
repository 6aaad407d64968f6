package dev.conveyor.core.store;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitReference;
import dev.conveyor.port.out.StepTimings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The behaviour every {@link StepTimings} adapter must show: extend it and say how to make a fresh, empty one. */
public abstract class StepTimingsContract {

    private StepTimings timings;

    /** Fresh timings with nothing learned yet; called once before every test. */
    protected abstract StepTimings createTimings();

    @BeforeEach
    void givenNothingLearned() {
        timings = createTimings();
    }

    @Test
    void savedTimingsAreFoundByPipelineAndStep() {
        timings.save("documents", "extract", new StepTiming(5.0, 3));
        timings.save("documents", "classify", new StepTiming(0.15, 40));

        assertEquals(Map.of("extract", new StepTiming(5.0, 3), "classify", new StepTiming(0.15, 40)),
                timings.find("documents"));
    }

    @Test
    void eachPipelineHasItsOwnTimings() {
        timings.save("documents", "extract", new StepTiming(5.0, 3));
        timings.save("imports", "extract", new StepTiming(0.5, 7));

        assertEquals(Map.of("extract", new StepTiming(5.0, 3)), timings.find("documents"));
        assertEquals(Map.of("extract", new StepTiming(0.5, 7)), timings.find("imports"));
    }

    @Test
    void savingAgainReplacesTheStepsTiming() {
        timings.save("documents", "extract", new StepTiming(5.0, 3));
        timings.save("documents", "extract", new StepTiming(4.5, 4));

        assertEquals(Map.of("extract", new StepTiming(4.5, 4)), timings.find("documents"));
    }

    @Test
    void theSpreadOfDurationsIsKeptBesideTheSpeed() {
        StepTiming learned = new StepTiming(1.5, 12, DurationSpread.logNormal(0.4, 2.0).decayedWith(4.2, 0.9));
        timings.save("documents", "generate", learned);

        assertEquals(Map.of("generate", learned), timings.find("documents"));
    }

    @Test
    void howFastAStepsUnitsGoIsKeptBesideTheSpeed() {
        StepTiming learned = new StepTiming(0.25, 300, DurationSpread.logNormal(0.4, 2.0),
                new UnitReference(-1.375, 0.0625, 7.5));
        timings.save("documents", "classify", learned);

        assertEquals(Map.of("classify", learned), timings.find("documents"));
    }

    @Test
    void aPipelineNeverRunHasNoTimings() {
        assertEquals(Map.of(), timings.find("never-run"));
    }

    @Test
    void aPipelinesEtaAccuracyIsKeptBesideItsTimingsAndReplacedOnSave() {
        EtaAccuracy first = EtaAccuracy.NONE.with(List.of(20.0, 10.0, 30.0));
        EtaAccuracy second = first.with(List.of(10.0, 20.0, 10.0));
        timings.saveAccuracy("documents", first);
        timings.saveAccuracy("imports", first);
        timings.saveAccuracy("documents", second);

        assertEquals(second, timings.accuracy("documents"));
        assertEquals(new EtaAccuracy(2, List.of(15.0, 15.0, 20.0)), timings.accuracy("documents"));
        assertEquals(first, timings.accuracy("imports"));
        assertEquals(Map.of(), timings.find("documents"), "accuracy is no step's timing");
    }

    @Test
    void aPipelineNeverJudgedHasNoEtaAccuracy() {
        assertEquals(EtaAccuracy.NONE, timings.accuracy("never-run"));
    }
}
