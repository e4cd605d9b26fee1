package dev.ballast.engine.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

    // by hand: {2,4,4,4,5,5,7,9} has mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7
    private static final double[] XS = {2, 4, 4, 4, 5, 5, 7, 9};

    @Test
    void meanVarianceAndStandardDeviation() {
        assertEquals(5.0, SampleStatistics.mean(XS), 1e-15);
        assertEquals(32.0 / 7, SampleStatistics.variance(XS), 1e-14);
        assertEquals(Math.sqrt(32.0 / 7), SampleStatistics.standardDeviation(XS), 1e-14);
    }

    @Test
    void medianOfOddAndEvenSizes() {
        assertEquals(4.5, SampleStatistics.median(XS), 0);
        assertEquals(3.0, SampleStatistics.median(new double[] {9, 1, 3}), 0);
    }

    @Test
    void covarianceByHand() {
        // x = {1,2,3}, y = {2,4,7}: means 2 and 13/3; sum (dx dy) = (-1)(-7/3) + 0 + (1)(8/3) = 5, divided by 2
        assertEquals(2.5, SampleStatistics.covariance(new double[] {1, 2, 3}, new double[] {2, 4, 7}), 1e-14);
    }

    @Test
    void emptyAndOnePointSamplesAreUndefined() {
        assertTrue(Double.isNaN(SampleStatistics.mean(new double[0])));
        assertTrue(Double.isNaN(SampleStatistics.median(new double[0])));
        assertTrue(Double.isNaN(SampleStatistics.variance(new double[] {1})));
    }
}
