package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchStepMetricsTest {

    @Test
    void eachTimedStepGivesItsMeanAndItsSlowestInMilliseconds() {
        CellMetrics metrics = CellMetrics.parse(String.join("\n",
                "# TYPE cellbet_wallet_batch_commit_seconds histogram",
                "cellbet_wallet_batch_commit_seconds_count 4.0",
                "cellbet_wallet_batch_commit_seconds_sum 0.2",
                "cellbet_wallet_batch_commit_seconds_max 0.125",
                "cellbet_wallet_batch_read_seconds_count 4.0",
                "cellbet_wallet_batch_read_seconds_sum 0.004",
                "cellbet_wallet_batch_read_seconds_max 0.0015",
                ""));
        BenchResult.Builder result = BenchResult.builder("test");

        BatchStepMetrics.addTo(metrics, result, "cellbet_wallet_batch", "ledger", "read", "commit", "apply");

        Map<String, Number> figures = result.build().metrics();
        assertEquals(50.0, figures.get("ledger_commit_ms_avg").doubleValue(), 1e-9);
        assertEquals(125.0, figures.get("ledger_commit_ms_max").doubleValue(), 1e-9);
        assertEquals(1.0, figures.get("ledger_read_ms_avg").doubleValue(), 1e-9);
        assertEquals(1.5, figures.get("ledger_read_ms_max").doubleValue(), 1e-9);
        assertFalse(figures.containsKey("ledger_apply_ms_avg"), "a step the cell never timed gives no figure");
    }

    @Test
    void aWritersBatchesBetweenTwoReadingsGiveTheirSizeTimeAndHowBusyItWas() {
        CellMetrics before = CellMetrics.parse(String.join("\n",
                "cellbet_bets_batch_checks_seconds_count 10.0",
                "cellbet_bets_batch_checks_seconds_sum 0.01",
                "cellbet_bets_batch_commit_seconds_count 10.0",
                "cellbet_bets_batch_commit_seconds_sum 0.02",
                "cellbet_bets_batch_items_count 10.0",
                "cellbet_bets_batch_items_sum 40.0",
                ""));
        // 200 batches since, of 3,000 bets, 0.5 s of checks and 1.1 s of commits: 8 ms each.
        CellMetrics after = CellMetrics.parse(String.join("\n",
                "cellbet_bets_batch_checks_seconds_count 210.0",
                "cellbet_bets_batch_checks_seconds_sum 0.51",
                "cellbet_bets_batch_commit_seconds_count 210.0",
                "cellbet_bets_batch_commit_seconds_sum 1.12",
                "cellbet_bets_batch_items_count 210.0",
                "cellbet_bets_batch_items_sum 3040.0",
                ""));

        BatchStepMetrics.Busy busy = BatchStepMetrics.between(before, after, Duration.ofSeconds(2),
                "cellbet_bets_batch", "checks", "commit").orElseThrow();

        assertEquals(200, busy.batches());
        assertEquals(15.0, busy.meanSize(), 1e-9);
        assertEquals(8.0, busy.meanMs(), 1e-9);
        assertEquals(0.8, busy.busy(), 1e-9);
        assertEquals(Map.of("checks", 2.5, "commit", 5.5), busy.stepMs());
        assertEquals("200 batches of 15.0 on average, 8.00 ms each (checks 2.50, commit 5.50), busy 0.80 of the time",
                busy.line());
    }

    @Test
    void noBatchBetweenTwoReadingsGivesNothing() {
        CellMetrics same = CellMetrics.parse("cellbet_bets_batch_commit_seconds_count 10.0\n");

        assertTrue(BatchStepMetrics.between(same, same, Duration.ofSeconds(2), "cellbet_bets_batch", "commit")
                .isEmpty());
    }
}
