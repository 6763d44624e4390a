package io.cellbet.ops.bench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BenchReport;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.Scenarios;
import io.cellbet.ops.web.HeadlessChromium;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebScenarioTest {

    private static final WebScenario SCENARIO = new WebScenario();

    @Test
    void isRegisteredUnderItsName() {
        assertTrue(Scenarios.all().find("web").orElseThrow() instanceof WebScenario);
    }

    @Test
    void defaultsLoadFiveTimesOnAPhoneWithTheCpuSlowedFourTimes() {
        WebScenario.Settings settings = WebScenario.Settings.from(options(Map.of()));

        assertEquals(5, settings.runs());
        assertEquals(1, settings.warmUpRuns());
        assertEquals(4.0, settings.cpuThrottle());
        assertEquals(HeadlessChromium.Window.PHONE, settings.window());
        assertEquals(Duration.ofSeconds(60), settings.markTimeout());
    }

    @Test
    void acceptsOtherRunsWindowsAndThrottling() {
        WebScenario.Settings settings = WebScenario.Settings.from(options(Map.of("runs", "9", "warmup-runs", "0",
                "cpu-throttle", "1", "window", "desktop", "mark-timeout-s", "5")));

        assertEquals(9, settings.runs());
        assertEquals(0, settings.warmUpRuns());
        assertEquals(1.0, settings.cpuThrottle());
        assertEquals(HeadlessChromium.Window.DESKTOP, settings.window());
        assertEquals(Duration.ofSeconds(5), settings.markTimeout());
    }

    @Test
    void rejectsBadOptions() {
        for (Map<String, String> bad : List.of(Map.of("runs", "0"), Map.of("warmup-runs", "-1"),
                Map.of("cpu-throttle", "0.5"), Map.of("cpu-throttle", "50"), Map.of("window", "tablet"),
                Map.of("mark-timeout-s", "0"), Map.of("runs", "five"))) {
            assertThrows(IllegalArgumentException.class, () -> WebScenario.Settings.from(options(bad)), bad::toString);
        }
    }

    @Test
    void reportsTheMedianAgainstTheGoalTheSlowestAsP95AndTheMedianBytesInKib() {
        List<WebScenario.Run> runs = List.of(new WebScenario.Run(1500.4, 100 * 1024, 300 * 1024, 6),
                new WebScenario.Run(900.0, 90 * 1024, 290 * 1024, 6),
                new WebScenario.Run(2400.0, 110 * 1024, 310 * 1024, 7),
                new WebScenario.Run(1100.0, 95 * 1024, 295 * 1024, 6),
                new WebScenario.Run(1300.0, 105 * 1024, 305 * 1024, 6));
        BenchResult.Builder builder = BenchResult.builder(WebScenario.NAME);

        WebScenario.report(WebScenario.Settings.from(options(Map.of())), runs, builder);
        BenchResult result = builder.build();

        Map<String, Number> metrics = result.metrics();
        assertEquals(1300.0, metrics.get("event_page_interactive_ms"));
        assertEquals(2400.0, metrics.get("event_page_interactive_p95_ms"));
        assertEquals(900.0, metrics.get("event_page_interactive_min_ms"));
        assertEquals(2400.0, metrics.get("event_page_interactive_max_ms"));
        assertEquals(100.0, metrics.get("first_load_kb"));
        assertEquals(300.0, metrics.get("first_load_decoded_kb"));
        assertEquals(6L, metrics.get("first_load_requests"));
        assertEquals(5L, metrics.get("runs"));
        assertEquals("<= 2000", result.targets().get("event_page_interactive_ms"));
        assertTrue(BenchReport.markdown(result).contains("| event_page_interactive_ms | 1300 | <= 2000 (met) |"),
                BenchReport.markdown(result));
        assertEquals(5, ((List<?>) result.context().get("loads")).size());
        assertEquals("390x844", result.context().get("window"));
    }

    @Test
    void readsARunFromThePagesPerformanceEntries() {
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("interactiveMs", 812.5);
        read.put("transferBytes", 51_200L);
        read.put("decodedBytes", 180_000L);
        read.put("requests", 5L);

        assertEquals(new WebScenario.Run(812.5, 51_200, 180_000, 5), WebScenario.Run.of(read));
        assertThrows(IllegalStateException.class, () -> WebScenario.Run.of(Map.of("interactiveMs", 1.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, WebScenario.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, WebScenario.median(List.of(3.0)));
        assertEquals(3.0, WebScenario.percentile(List.of(1.0, 2.0, 3.0), 95));
        assertEquals(95.0, WebScenario.percentile(java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToObj(i -> (double) i).toList(), 95));
    }

    @Test
    void offersANamedLiveEventWithTheMarketTheOnSaleCheckWaitsFor() {
        assertTrue(WebScenario.markets().stream().anyMatch(market -> market.typeId() == 1));
        assertTrue(WebScenario.markets().size() >= 3);
        assertEquals(2, WebScenario.fixture().competitors().size());
        assertTrue(!((Map<?, ?>) WebScenario.brandBody().get("theme")).containsKey("logoUrl"),
                "no logo outside the machine");
    }

    private static BenchOptions options(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        SCENARIO.options().forEach(option -> values.put(option.name(), option.defaultValue()));
        values.putAll(overrides);
        return BenchOptions.of(values);
    }
}
