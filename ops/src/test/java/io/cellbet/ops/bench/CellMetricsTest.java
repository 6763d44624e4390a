package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellMetricsTest {

    @Test
    void sumsPrometheusSamplesOverTheirLabels() {
        CellMetrics metrics = CellMetrics.parse(String.join("\n",
                "# TYPE cellbet_wallet_batch_size summary",
                "cellbet_wallet_batch_size_count{writer=\"1\"} 10.0",
                "cellbet_wallet_batch_size_count{writer=\"2\"} 5.0",
                "cellbet_wallet_batch_size_sum 150.0",
                ""));

        assertEquals(15.0, metrics.value("cellbet_wallet_batch_size_count"));
        assertEquals(150.0, metrics.value("cellbet_wallet_batch_size_sum"));
    }

    @Test
    void timerMeanIsItsSecondsSumOverItsCountInMilliseconds() {
        CellMetrics metrics = CellMetrics.parse(String.join("\n",
                "# TYPE cellbet_accounts_password_hash_seconds histogram",
                "cellbet_accounts_password_hash_seconds_bucket{le=\"0.05\"} 3.0",
                "cellbet_accounts_password_hash_seconds_count 4.0",
                "cellbet_accounts_password_hash_seconds_sum 0.2",
                ""));

        assertEquals(4, metrics.timerCount("cellbet_accounts_password_hash"));
        assertEquals(50.0, metrics.timerMeanMs("cellbet_accounts_password_hash"), 1e-9);
        assertEquals(0.0, metrics.timerMeanMs("cellbet_never_ran"));
    }
}
