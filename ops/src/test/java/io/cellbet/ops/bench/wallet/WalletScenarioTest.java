package io.cellbet.ops.bench.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.LoadResult;
import io.cellbet.ops.bench.ScenarioOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WalletScenarioTest {

    private static final String PGBENCH_15_OUTPUT = String.join("\n",
            "pgbench (15.14 (Debian 15.14-0+deb12u1))",
            "transaction type: /tmp/naive-transfer.sql",
            "scaling factor: 1",
            "query mode: prepared",
            "number of clients: 8",
            "number of threads: 2",
            "maximum number of tries: 1",
            "duration: 5 s",
            "number of transactions actually processed: 21165",
            "number of failed transactions: 0 (0.000%)",
            "latency average = 1.890 ms",
            "initial connection time = 12.345 ms",
            "tps = 4233.175012 (without initial connection time)",
            "");

    @Test
    void readsTpsLatencyAndCountsFromPgbench() {
        NaiveBaseline.Run run = NaiveBaseline.parse(8, PGBENCH_15_OUTPUT);

        assertEquals(new NaiveBaseline.Run(8, 4233.175012, 1.890, 21165, 0), run);
    }

    @Test
    void failsOnPgbenchOutputWithoutTps() {
        assertThrows(IllegalStateException.class, () -> NaiveBaseline.parse(8, "pgbench: error: connection failed"));
    }

    @Test
    void pgbenchScriptLocksHouseBeforePlayer() {
        String script = new NaiveBaseline(null, null, null, 2000, 10).script();

        assertTrue(script.contains("\\set player random(11, 2010)"), script);
        assertTrue(script.contains("ORDER BY id FOR UPDATE"), script);
    }

    @Test
    void measuresSingleThenBatchedUnlessToldOtherwise() {
        assertEquals(List.of("single", "batched"), WalletScenario.Settings.from(BenchOptions.of(defaults(Map.of())))
                .clients());
        assertEquals(List.of("batched"), WalletScenario.Settings.from(BenchOptions.of(defaults(Map.of("clients",
                "batched")))).clients());
        assertThrows(IllegalArgumentException.class, () -> WalletScenario.Settings.from(BenchOptions.of(
                defaults(Map.of("clients", "single,single")))));
        assertThrows(IllegalArgumentException.class, () -> WalletScenario.Settings.from(BenchOptions.of(
                defaults(Map.of("clients", "pipelined")))));
        assertThrows(IllegalArgumentException.class, () -> WalletScenario.Settings.from(BenchOptions.of(
                defaults(Map.of("batch-max", "1001")))));
    }

    @Test
    void rejectsRatesThatDoNotIncrease() {
        BenchOptions options = BenchOptions.of(defaults(Map.of("rates", "1000,500")));

        assertThrows(IllegalArgumentException.class, () -> WalletScenario.Settings.from(options));
    }

    @Test
    void highestHeldRateIsTheLastStepBeforeTheFirstMiss() {
        WalletScenario.Steps steps = new WalletScenario.Steps(25);
        steps.add(load(500, 500, 4_000, 0));
        steps.add(load(1000, 990, 12_000, 0));
        steps.add(load(1500, 1200, 20_000, 0)); // achieved less than 95 % of the rate
        steps.add(load(2000, 2000, 10_000, 0));

        assertEquals(1000, steps.highestHeld().rate());
    }

    @Test
    void sustainedRateIgnoresLatencyButNotErrorsOrShortfall() {
        WalletScenario.Steps steps = new WalletScenario.Steps(25);
        steps.add(load(500, 500, 100_000, 0));
        steps.add(load(1000, 1000, 200_000, 0));
        steps.add(load(1500, 1000, 900_000, 0));

        assertEquals(null, steps.highestHeld());
        assertEquals(1000, steps.highestSustained().rate());
    }

    @Test
    void stepWithErrorsIsNotHeld() {
        assertEquals(false, new WalletScenario.Step(load(500, 500, 4_000, 1), 25).held());
    }

    @Test
    void sumsPrometheusSamplesOverTheirLabels() {
        LedgerMetrics metrics = LedgerMetrics.parse(String.join("\n",
                "# TYPE cellbet_wallet_batch_size summary",
                "cellbet_wallet_batch_size_count{writer=\"1\"} 10.0",
                "cellbet_wallet_batch_size_count{writer=\"2\"} 5.0",
                "cellbet_wallet_batch_size_sum 150.0",
                ""));

        assertEquals(15.0, metrics.value("cellbet_wallet_batch_size_count"));
        assertEquals(150.0, metrics.value("cellbet_wallet_batch_size_sum"));
    }

    private static Map<String, String> defaults(Map<String, String> overrides) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (ScenarioOption option : new WalletScenario().options()) {
            values.put(option.name(), option.defaultValue());
        }
        values.putAll(overrides);
        return values;
    }

    private static LoadResult load(double rate, double achieved, long p99Micros, long errors) {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < 100; i++) {
            latency.recordValue(i < 98 ? 1_000 : p99Micros);
        }
        return new LoadResult(latency, new Histogram(3), TimeUnit.MICROSECONDS, 100, 100 - errors, errors, rate,
                achieved, Duration.ofSeconds(20), List.of());
    }
}
