package org.manta.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

class TimingTest {
    @Test
    void keepsDtWhenThereIsNoTimedel() {
        assertEquals(0.3, Timing.compatibleDt(0.3, 0.0));
    }

    @Test
    void roundsToAWholeNumberOfTicks() {
        assertEquals(1.0 / 16, Timing.compatibleDt(1.0 / 16, 0x1p-20), "exact multiple: same value");
        assertEquals(0.01 * 3, Timing.compatibleDt(0.0312, 0.01));
        assertEquals(0.01, Timing.compatibleDt(0.001, 0.01), "at least one tick");
        assertEquals(0.5, Timing.compatibleDt(0.625, 0.25), "2.5 ticks: rint rounds half to even");
    }

    @Test
    void closeEnoughInTheNumpySenseIsKept() {
        // |timedel - dt| <= 1e-8 + 1e-4 |dt|
        assertEquals(0.0100009, Timing.compatibleDt(0.0100009, 0.01));
        assertEquals(0.01, Timing.compatibleDt(0.0100011, 0.01));
    }

    @Test
    void rejectsNonPositiveDt() {
        assertThrows(InvalidParameterException.class, () -> Timing.compatibleDt(0, 0.01));
        assertThrows(InvalidParameterException.class, () -> Timing.compatibleDt(Double.NaN, 0.01));
    }
}
