package dev.conveyor.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationSpreadTest {

    @Test
    void aLogNormalSpreadShowsItsWidthAndCentreInLogTermsDespiteItsBuckets() {
        DurationSpread spread = DurationSpread.logNormal(0.4, 10.0);

        assertEquals(10.0, spread.runs(), 1e-9);
        assertEquals(0.0, spread.logMean(), 0.02);
        assertEquals(0.16, spread.logVariance(), 0.02);
    }

    @Test
    void aWiderSpreadHasTheLargerLogVariance() {
        assertTrue(DurationSpread.logNormal(0.8, 10.0).logVariance()
                > DurationSpread.logNormal(0.2, 10.0).logVariance() + 0.3);
    }

    @Test
    void nothingKnownHasNoRunsAndNoVariance() {
        assertEquals(0.0, DurationSpread.NONE.runs());
        assertEquals(0.0, DurationSpread.NONE.logMean());
        assertEquals(0.0, DurationSpread.NONE.logVariance());
    }
}
