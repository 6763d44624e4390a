package io.cellbet.ops.bench.wallet;

import io.cellbet.ops.bench.BatchStepMetrics;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.CellMetrics;

/**
 * The ledger writer's own figures from a cell's metrics: how many requests each database transaction carried and how
 * long it took, and how much of that was reading (the accounts' locks and the keys) and committing (the write, the
 * event and the commit). They explain a throughput: batching is what keeps hot house rows cheap; and a tail: a batch
 * whose commit waited for the disk is slow in {@code ledger_commit_ms_max} ({@link BatchStepMetrics}).
 */
public final class LedgerMetrics {

    /** The ledger writer's batch timers ({@code LedgerWriter}) and their steps. */
    static final String BATCH = "cellbet_wallet_batch";
    static final String[] BATCH_STEPS = {"read", "apply", "commit"};

    private LedgerMetrics() {
    }

    /** {@code ledger_batches}, {@code ledger_batch_size_avg}, {@code ledger_batch_size_max}, ... */
    public static void addTo(CellMetrics metrics, BenchResult.Builder result) {
        double batches = metrics.value("cellbet_wallet_batch_size_count");
        if (batches == 0) {
            return;
        }
        result.metric("ledger_batches", (long) batches)
                .metric("ledger_batch_size_avg", metrics.value("cellbet_wallet_batch_size_sum") / batches)
                .metric("ledger_batch_size_max", metrics.value("cellbet_wallet_batch_size_max"))
                .metric("ledger_batch_ms_avg", metrics.timerMeanMs("cellbet_wallet_batch_duration"))
                .metric("ledger_batch_ms_max", 1000 * metrics.value("cellbet_wallet_batch_duration_seconds_max"))
                .metric("ledger_batch_failures", (long) metrics.value("cellbet_wallet_batch_failures_total"));
        BatchStepMetrics.addTo(metrics, result, BATCH, "ledger", "read", "commit");
    }
}
