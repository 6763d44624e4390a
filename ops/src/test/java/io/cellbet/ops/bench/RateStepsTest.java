package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateStepsTest {

    @Test
    void highestHeldRateIsTheLastStepBeforeTheFirstMiss() {
        RateSteps steps = new RateSteps(25);
        steps.add(load(500, 500, 4_000, 0));
        steps.add(load(1000, 990, 12_000, 0));
        steps.add(load(1500, 1200, 20_000, 0)); // achieved less than 95 % of the rate
        steps.add(load(2000, 2000, 10_000, 0));

        assertEquals(1000, steps.highestHeld().rate());
    }

    @Test
    void sustainedRateIgnoresLatencyButNotErrorsOrShortfall() {
        RateSteps steps = new RateSteps(25);
        steps.add(load(500, 500, 100_000, 0));
        steps.add(load(1000, 1000, 200_000, 0));
        steps.add(load(1500, 1000, 900_000, 0));

        assertNull(steps.highestHeld());
        assertEquals(1000, steps.highestSustained().rate());
    }

    @Test
    void stepWithErrorsIsNotHeld() {
        assertFalse(new RateSteps.Step(load(500, 500, 4_000, 1), 25).held());
    }

    @Test
    void parsesIncreasingRatesWithFractions() {
        assertEquals(List.of(2.5, 5.0, 10.0), RateSteps.rates("2.5, 5,10", "rates"));
    }

    @Test
    void rejectsRatesThatDoNotIncreaseOrAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> RateSteps.rates("10,5", "rates"));
        assertThrows(IllegalArgumentException.class, () -> RateSteps.rates("10,10", "rates"));
        assertThrows(IllegalArgumentException.class, () -> RateSteps.rates("0,5", "rates"));
        assertThrows(IllegalArgumentException.class, () -> RateSteps.rates("5,fast", "rates"));
    }

    @Test
    void tableShowsEachStepAndWhetherItWasHeld() {
        RateSteps steps = new RateSteps(25);
        steps.add(load(2.5, 2.5, 4_000, 0));
        steps.add(load(5, 5, 40_000, 0));

        String table = steps.markdown();

        assertTrue(table.contains("| 2.5 | 3 | 1.00 | 4.00 |"), table);
        assertTrue(table.lines().skip(3).findFirst().orElseThrow().endsWith("| 0 | no |"), table);
    }

    private static LoadResult load(double rate, double achieved, long p99Micros, long errors) {
        return LoadResults.of(rate, achieved, p99Micros, errors);
    }
}
