package io.cellbet.ops.bench.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.ScenarioOption;
import java.util.List;
import java.util.Map;
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

    private static Map<String, String> defaults(Map<String, String> overrides) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (ScenarioOption option : new WalletScenario().options()) {
            values.put(option.name(), option.defaultValue());
        }
        values.putAll(overrides);
        return values;
    }
}
