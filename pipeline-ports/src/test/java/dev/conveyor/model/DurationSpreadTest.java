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
    void theBodyOfALogNormalSpreadIsAllOfIt() {
        DurationSpread spread = DurationSpread.logNormal(0.4, 10.0);

        assertEquals(spread.logVariance(), spread.bodyLogVariance(), 0.02);
    }

    @Test
    void rareOverrunsSwellTheLogVarianceButBarelyTheBodys() {
        // given 38 usual runs, then two that took four times as long
        DurationSpread usual = DurationSpread.logNormal(0.2, 38.0);
        DurationSpread withOverruns = usual.decayedWith(4.0, 1.0).decayedWith(4.0, 1.0);

        // then
        assertTrue(withOverruns.logVariance() > usual.logVariance() + 0.05,
                () -> "log variance " + usual.logVariance() + " -> " + withOverruns.logVariance());
        assertEquals(usual.bodyLogVariance(), withOverruns.bodyLogVariance(), 0.01);
    }

    @Test
    void nothingKnownHasNoRunsAndNoVariance() {
        assertEquals(0.0, DurationSpread.NONE.runs());
        assertEquals(0.0, DurationSpread.NONE.logMean());
        assertEquals(0.0, DurationSpread.NONE.logVariance());
        assertEquals(0.0, DurationSpread.NONE.bodyLogVariance());
    }
}
