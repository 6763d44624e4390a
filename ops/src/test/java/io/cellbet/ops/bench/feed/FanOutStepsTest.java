package io.cellbet.ops.bench.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutStepsTest {

    private static FanOutSteps.Step step(double rate, long delivered, double p99Ms) {
        return new FanOutSteps.Step(rate, 10_000, 20.0, delivered, p99Ms / 2, p99Ms, p99Ms + 1, p99Ms + 5, 150);
    }

    @Test
    void aStepWithinTheP99TargetDeliveringAllIsHeldAndTheRunGoesOn() {
        FanOutSteps steps = new FanOutSteps("cell", 150);

        assertTrue(steps.add(step(5, 1_000_000, 96)));
        assertEquals(50_000, steps.highestHeld().deliveredPerSecond(), 1e-9);
    }

    @Test
    void stopsAfterTheFirstStepOverTheP99Target() {
        FanOutSteps steps = new FanOutSteps("cell", 150);
        steps.add(step(5, 1_000_000, 96));

        assertFalse(steps.add(step(10, 2_000_000, 150.1)));
        assertEquals(5, steps.highestHeld().changesPerSecond());
        assertEquals(2, steps.list().size());
    }

    @Test
    void stopsWhenLessThanNinetyPercentOfTheOfferedArrive() {
        FanOutSteps steps = new FanOutSteps("bare", 150);

        // 10 changes/s x 10,000 clients x 20 s = 2,000,000 offered; 89.9 % arrived.
        assertFalse(steps.add(step(10, 1_798_000, 40)));
        assertTrue(new FanOutSteps("bare", 150).add(step(10, 1_800_000, 40)));
        assertNull(steps.highestHeld());
    }

    @Test
    void canGoOnPastANoisyStepUntilEnoughMissInARow() {
        FanOutSteps steps = new FanOutSteps("cell", 150, 2);

        assertTrue(steps.add(step(1, 200_000, 160)));
        assertTrue(steps.add(step(2, 400_000, 90)));
        assertTrue(steps.add(step(5, 1_000_000, 300)));
        assertFalse(steps.add(step(8, 1_600_000, 400)));
        assertEquals(2, steps.highestHeld().changesPerSecond());
    }

    @Test
    void aStepThatDeliveredNothingIsNotHeld() {
        assertFalse(step(1, 0, 0).held());
    }

    @Test
    void reportsTheHighestHeldStepElseTheFirst() {
        FanOutSteps none = new FanOutSteps("cell", 150);
        none.add(step(1, 100, 400));
        assertEquals(1, none.reported().changesPerSecond());

        FanOutSteps some = new FanOutSteps("cell", 150);
        some.add(step(1, 200_000, 50));
        some.add(step(2, 400_000, 90));
        some.add(step(5, 1_000_000, 300));
        assertEquals(2, some.reported().changesPerSecond());
    }

    @Test
    void tableAndJsonRowsHoldEveryStep() {
        FanOutSteps steps = new FanOutSteps("bare", 150);
        steps.add(step(5, 1_000_000, 96));
        steps.add(step(10, 2_000_000, 125));

        String table = steps.markdown();
        assertTrue(table.contains("| bare | 5 | 10000 | 50000 | 50000 | 48.0 | 96.0 | 97.0 | 101.0 | yes |"), table);
        assertTrue(table.contains("| bare | 10 | 10000 | 100000 | 100000 |"), table);
        List<Map<String, Object>> rows = steps.asMaps();
        assertEquals(2, rows.size());
        assertEquals(100_000.0, rows.get(1).get("deliveredPerSecond"));
        assertEquals(true, rows.get(1).get("held"));
    }
}
