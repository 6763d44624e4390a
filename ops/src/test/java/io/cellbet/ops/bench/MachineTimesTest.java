package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineTimesTest {

    /** The start of a 2-core machine's /proc/stat: the aggregate line, then one per core. */
    private static final String EARLIER = """
            cpu  64921 0 11630 52434 1523 0 1541 3163 0 0
            cpu0 32000 0 5800 26000 700 0 800 1600 0 0
            cpu1 32921 0 5830 26434 823 0 741 1563 0 0
            intr 123456 0 9 0
            """;
    /** Ten seconds later: 1,500 ticks busy (user 1,300, system 150, softirq 50), 350 idle, 20 iowait, 130 stolen. */
    private static final String LATER = """
            cpu  66221 0 11780 52784 1543 0 1591 3293 0 0
            cpu0 32650 0 5875 26175 710 0 825 1665 0 0
            cpu1 33571 0 5905 26609 833 0 766 1628 0 0
            intr 133456 0 9 0
            """;

    @Test
    void readsTheAggregateLineNotACoresLine() {
        MachineTimes times = MachineTimes.parse(EARLIER).orElseThrow();

        assertEquals(Duration.ofMillis((64_921 + 11_630 + 1_541) * 10L), times.busy());
        assertEquals(Duration.ofMillis(524_340), times.idle());
        assertEquals(Duration.ofMillis(15_230), times.iowait());
        assertEquals(Duration.ofMillis(31_630), times.steal());
    }

    @Test
    void givesEachKindOfTimeBetweenTwoReadingsAsCores() {
        Map<String, Double> cores = MachineTimes.cores(MachineTimes.parse(EARLIER), MachineTimes.parse(LATER),
                Duration.ofSeconds(10));

        assertEquals(Map.of("busy", 1.5, "idle", 0.35, "iowait", 0.02, "steal", 0.13), cores);
    }

    @Test
    void givesNothingWithoutBothReadingsOrWithoutWallTime() {
        assertEquals(Optional.empty(), MachineTimes.parse("intr 1 2 3\n"));
        assertTrue(MachineTimes.cores(Optional.empty(), MachineTimes.parse(LATER), Duration.ofSeconds(10)).isEmpty());
        assertTrue(MachineTimes.parse(LATER).orElseThrow().cores(Duration.ZERO).isEmpty());
    }
}
