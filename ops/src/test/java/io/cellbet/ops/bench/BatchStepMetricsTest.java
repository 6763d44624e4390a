package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
