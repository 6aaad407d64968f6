package dev.conveyor.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

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

    /** The figures worked out when a spread is made are those its weights give, whatever is done to the arrays. */
    @Test
    void itsFiguresStayThoseOfItsWeightsAndEqualSpreadsShareThem() {
        Random random = new Random(7);
        DurationSpread spread = DurationSpread.NONE;
        for (int run = 0; run < 200; run++) {
            spread = spread.decayedWith(Math.exp(random.nextGaussian()), 0.97);
            double[] weights = spread.weights();
            DurationSpread copy = new DurationSpread(weights);
            weights[0] += 100.0;

            assertEquals(spread, copy);
            assertEquals(spread.hashCode(), copy.hashCode());
            for (double p : new double[] {0.05, 0.25, 0.5, 0.75, 0.95, 0.3}) {
                assertEquals(spread.quantileAbove(0.0, p), spread.quantile(p), "p " + p);
                assertEquals(spread.quantile(p), copy.quantile(p), "p " + p);
            }
            assertEquals(spread.mean(), copy.mean());
            assertEquals(spread.logMean(), copy.logMean());
            assertEquals(spread.logVariance(), copy.logVariance());
            assertEquals(spread.bodyLogVariance(), copy.bodyLogVariance());
            assertEquals(spread.runs(), copy.runs());
        }
    }
}
