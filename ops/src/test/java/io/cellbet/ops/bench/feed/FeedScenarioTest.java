package io.cellbet.ops.bench.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BenchReport;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.ScenarioOption;
import io.cellbet.ops.bench.Scenarios;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedScenarioTest {

    private static Map<String, String> defaults(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        for (ScenarioOption option : new FeedScenario().options()) {
            values.put(option.name(), option.defaultValue());
        }
        values.putAll(overrides);
        return values;
    }

    private static FeedScenario.Settings settings(Map<String, String> overrides) {
        return FeedScenario.Settings.from(BenchOptions.of(defaults(overrides)));
    }

    private static FanOutSteps.Step step(double rate, double deliveredPerSecond, double p99Ms) {
        return new FanOutSteps.Step(rate, 10_000, 10.0, (long) (deliveredPerSecond * 10), 10, p99Ms, p99Ms, p99Ms + 1,
                150);
    }

    @Test
    void isAScenarioOfTheBench() {
        assertTrue(Scenarios.all().find("feed").isPresent());
    }

    @Test
    void defaultsMatchTheIssue() {
        FeedScenario.Settings settings = settings(Map.of());

        assertEquals(List.of("adapter", "cell", "bare"), settings.parts());
        assertEquals(10_000, settings.clients());
        assertEquals(List.of(1.0, 2.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0), settings.rates());
        assertEquals(20, settings.step().toSeconds());
        assertEquals(150, settings.p99TargetMs());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.bareEventLoops());
        assertNull(settings.messageBytes());
    }

    @Test
    void rejectsBadOptionsWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(Map.of("parts", "cell,websocket")))
                .getMessage().contains("--parts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(Map.of("rates", "5,2")))
                .getMessage().contains("--rates"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(Map.of("rates", "1,x")))
                .getMessage().contains("--rates"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(Map.of("clients", "ten")))
                .getMessage().contains("--clients"));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("clients", "0")));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("message-bytes", "10")));
    }

    @Test
    void refusesMoreClientsThanTheProcessMayOpenFiles() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeedScenario.requireFileDescriptors(Integer.MAX_VALUE - FeedScenario.SPARE_FILE_DESCRIPTORS));
        assertTrue(error.getMessage().contains("ulimit -n"), error.getMessage());
    }

    @Test
    void subscribesToEveryEvent() {
        assertEquals("{\"op\":\"subscribe\",\"events\":[\"sr:match:1\",\"sr:match:2\"]}",
                FeedScenario.subscribeFrame(OddsChanges.eventIds(1, 2)));
    }

    @Test
    void reportsTheHighestHeldRatesAndTheirRatio() {
        FanOutSteps cell = new FanOutSteps("cell", 150);
        cell.add(step(5, 50_000, 120));
        cell.add(step(8, 60_000, 400));
        FanOutSteps bare = new FanOutSteps("bare", 150);
        bare.add(step(5, 50_000, 96));
        bare.add(step(10, 100_000, 125));
        bare.add(step(12, 100_000, 200));
        BenchResult.Builder builder = BenchResult.builder("feed");

        FeedScenario.report(settings(Map.of()), cell, bare, List.of(cell, bare), builder);

        BenchResult result = builder.build();
        assertEquals(50_000.0, result.metrics().get("ws_delivered_per_s"));
        assertEquals(120.0, result.metrics().get("ws_p99_ms"));
        assertEquals(121.0, result.metrics().get("ws_max_ms"));
        assertEquals(100_000.0, result.metrics().get("bare_delivered_per_s"));
        assertEquals(0.5, result.metrics().get("ratio_to_bare"));
        assertEquals(">= 0.8", result.targets().get("ratio_to_bare"));
        assertEquals(5, ((List<?>) result.context().get("steps")).size());
    }

    @Test
    void aBareServerUnderTheBoxsUsualRateLeavesTheRatioUnjudged() {
        FanOutSteps cell = new FanOutSteps("cell", 150);
        cell.add(step(2, 20_000, 143));
        cell.add(step(5, 50_000, 207));
        FanOutSteps bare = new FanOutSteps("bare", 150);
        bare.add(step(1, 10_000, 132));
        bare.add(step(2, 20_000, 166));
        BenchResult.Builder builder = BenchResult.builder("feed");

        FeedScenario.report(settings(Map.of()), cell, bare, List.of(cell, bare), builder);

        BenchResult result = builder.build();
        assertEquals(2.0, result.metrics().get("ratio_to_bare"), "still reported");
        assertNull(BenchReport.meets(2.0, result.targets().get("ratio_to_bare")),
                "neither met nor missed: " + result.targets().get("ratio_to_bare"));
    }

    @Test
    void aBareServerThatHeldTheUsualStepIsJudgedThoughItDeliveredAFewMessagesShort() {
        FanOutSteps cell = new FanOutSteps("cell", 150);
        cell.add(step(5, 49_996, 140));
        FanOutSteps bare = new FanOutSteps("bare", 150);
        bare.add(step(5, 49_983, 99));
        bare.add(step(8, 79_988, 151));
        BenchResult.Builder builder = BenchResult.builder("feed");

        FeedScenario.report(settings(Map.of()), cell, bare, List.of(cell, bare), builder);

        assertEquals(">= 0.8", builder.build().targets().get("ratio_to_bare"));
    }

    @Test
    void aCellThatHeldNoStepReportsZeroAndTheFirstStepsLatency() {
        FanOutSteps cell = new FanOutSteps("cell", 150);
        cell.add(step(1, 10_000, 900));
        BenchResult.Builder builder = BenchResult.builder("feed");

        FeedScenario.report(settings(Map.of("parts", "cell")), cell, null, List.of(cell), builder);

        BenchResult result = builder.build();
        assertEquals(0.0, result.metrics().get("ws_delivered_per_s"));
        assertEquals(900.0, result.metrics().get("ws_p99_ms"));
        assertFalse(result.metrics().containsKey("ratio_to_bare"));
    }
}
