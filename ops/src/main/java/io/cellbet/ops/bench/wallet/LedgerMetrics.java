package io.cellbet.ops.bench.wallet;

import io.cellbet.ops.bench.BenchResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The ledger writer's own figures from a cell's Prometheus endpoint: how many requests each database transaction
 * carried and how long it took. They explain a throughput: batching is what keeps hot house rows cheap.
 */
final class LedgerMetrics {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Double> values;

    private LedgerMetrics(Map<String, Double> values) {
        this.values = values;
    }

    static LedgerMetrics read(String cellBaseUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(cellBaseUrl + "/q/metrics")).timeout(TIMEOUT)
                .header("Accept", "text/plain").GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /q/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Prometheus text format: each sample's value summed over its label sets, by metric name. */
    static LedgerMetrics parse(String text) {
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int labels = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            int nameEnd = labels >= 0 ? labels : line.indexOf(' ');
            if (nameEnd <= 0 || space <= 0) {
                continue;
            }
            try {
                double value = Double.parseDouble(line.substring(space + 1).trim());
                values.merge(line.substring(0, nameEnd), value, Double::sum);
            } catch (NumberFormatException notASample) {
                // A timestamp or an exotic value; nothing we need.
            }
        }
        return new LedgerMetrics(values);
    }

    double value(String name) {
        return values.getOrDefault(name, 0.0);
    }

    /** {@code ledger_batches}, {@code ledger_batch_size_avg}, {@code ledger_batch_size_max}, ... */
    void addTo(BenchResult.Builder result) {
        double batches = value("cellbet_wallet_batch_size_count");
        if (batches == 0) {
            return;
        }
        result.metric("ledger_batches", (long) batches)
                .metric("ledger_batch_size_avg", value("cellbet_wallet_batch_size_sum") / batches)
                .metric("ledger_batch_size_max", value("cellbet_wallet_batch_size_max"))
                .metric("ledger_batch_ms_avg", 1000 * value("cellbet_wallet_batch_duration_seconds_sum")
                        / Math.max(1, value("cellbet_wallet_batch_duration_seconds_count")))
                .metric("ledger_batch_ms_max", 1000 * value("cellbet_wallet_batch_duration_seconds_max"))
                .metric("ledger_batch_failures", (long) value("cellbet_wallet_batch_failures_total"));
    }
}
