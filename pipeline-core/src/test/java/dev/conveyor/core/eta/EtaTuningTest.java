package dev.conveyor.core.eta;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtaTuningTest {

    @Test
    void negativeOrNaNKnobsAreRejectedNamingTheKnob() {
        var negative = assertThrows(IllegalArgumentException.class,
                () -> EtaTuning.defaults().withPriorUnits(-1.0));
        var nan = assertThrows(IllegalArgumentException.class,
                () -> EtaTuning.defaults().withOverrunShare(Double.NaN));

        assertTrue(negative.getMessage().contains("priorUnits"), negative.getMessage());
        assertTrue(nan.getMessage().contains("overrunShare"), nan.getMessage());
    }

    @Test
    void noKnobMayBeInfiniteAndIgnoringThePaceMeansNoSpreadOfPaces() {
        assertThrows(IllegalArgumentException.class,
                () -> EtaTuning.defaults().withPriorUnits(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> EtaTuning.defaults().withPaceSpread(Double.POSITIVE_INFINITY));

        assertEquals(0.0, EtaTuning.defaults().ignoringJobPace().paceSpread());
    }
}
