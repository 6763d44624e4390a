package io.cellbet.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An app's own figures from its Prometheus endpoint {@code /q/metrics}, each sample summed over its label sets. They
 * explain a throughput from the inside: how big the ledger's batches were, how long a password hash took.
 */
public final class CellMetrics {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Double> values;

    private CellMetrics(Map<String, Double> values) {
        this.values = values;
    }

    /** Reads {@code <baseUrl>/q/metrics}. */
    public static CellMetrics read(String baseUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).timeout(TIMEOUT)
                .header("Accept", "text/plain").GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /q/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Prometheus text format: each sample's value summed over its label sets, by metric name. */
    public static CellMetrics parse(String text) {
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
        return new CellMetrics(values);
    }

    /** A sample's value summed over its labels; 0 when the app does not publish it. */
    public double value(String name) {
        return values.getOrDefault(name, 0.0);
    }

    /**
     * Times a Micrometer timer recorded, from its Prometheus name without suffix (the timer
     * {@code cellbet.accounts.password.hash} is {@code cellbet_accounts_password_hash}).
     */
    public long timerCount(String timer) {
        return (long) value(timer + "_seconds_count");
    }

    /** Mean duration of a Micrometer timer in milliseconds (see {@link #timerCount}); 0 when it never ran. */
    public double timerMeanMs(String timer) {
        double count = value(timer + "_seconds_count");
        return count == 0 ? 0 : 1000 * value(timer + "_seconds_sum") / count;
    }
}
