package io.cellbet.ops.bench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.cellbet.ops.bench.JsonHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConfigPropagationScenarioTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-27T17:00:00.123456Z");

    @Test
    void pagesThroughEveryAppliedVersionAfterTheBaseline() throws Exception {
        // A stand-in cell that applied versions 1..2500, each 2 ms after its commit.
        AtomicInteger pages = new AtomicInteger();
        HttpServer cell = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cell.createContext("/api/config/applied", exchange -> {
            pages.incrementAndGet();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long after = Long.parseLong(query.get("afterVersion"));
            int limit = Integer.parseInt(query.get("limit"));
            StringBuilder items = new StringBuilder();
            for (long version = after + 1; version <= Math.min(2500, after + limit); version++) {
                Instant committed = COMMITTED.plusSeconds(version);
                items.append(items.length() == 0 ? "" : ",").append(String.format("{\"version\":%d,"
                        + "\"kind\":\"brand\",\"key\":\"ACME\",\"committedAt\":\"%s\",\"appliedAt\":\"%s\"}",
                        version, committed, committed.plusMillis(2)));
            }
            byte[] body = ("{\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        cell.start();
        try {
            ConfigPropagationScenario.Propagation propagation = new ConfigPropagationScenario.Propagation();
            propagation.collect(new JsonHttp(), "http://127.0.0.1:" + cell.getAddress().getPort(), 100,
                    Long.MAX_VALUE);

            assertEquals(2400, propagation.latencyMicros.getTotalCount());
            assertEquals(3, pages.get());
            assertEquals(2.0, propagation.latencyMicros.getValueAtPercentile(99) / 1000.0, 0.01);

            ConfigPropagationScenario.Propagation cold = new ConfigPropagationScenario.Propagation();
            cold.collect(new JsonHttp(), "http://127.0.0.1:" + cell.getAddress().getPort(), 0, 100);
            assertEquals(100, cold.latencyMicros.getTotalCount(), "versions 1..100 only");
        } finally {
            cell.stop(0);
        }
    }

    @Test
    void countsAnAppliedTimeBeforeTheCommitAsZeroAndNegative() {
        ConfigPropagationScenario.Propagation propagation = new ConfigPropagationScenario.Propagation();

        propagation.record(COMMITTED, COMMITTED.minusMillis(1));

        assertEquals(1, propagation.negative);
        assertEquals(0, propagation.latencyMicros.getMaxValue());
    }

    @Test
    void changesTheBrandNameAndColourEveryRevision() {
        Map<String, Object> first = ConfigPropagationScenario.BrandChanges.body("BENCHA", 1);
        Map<String, Object> second = ConfigPropagationScenario.BrandChanges.body("BENCHA", 2);

        assertEquals("BENCHA", first.get("code"));
        assertEquals(List.of("bencha.example"), first.get("domains"));
        assertEquals(false, first.get("name").equals(second.get("name")));
        assertEquals(false, first.get("theme").equals(second.get("theme")));
        assertEquals("BENCHB", ConfigPropagationScenario.BrandChanges.code(1));
    }

    @Test
    void rejectsAnUnknownPortsMode() {
        assertThrows(IllegalArgumentException.class, () -> ConfigPropagationScenario.usePorts("random", 2));
        assertEquals(true, ConfigPropagationScenario.usePorts("ephemeral", 2));
        assertEquals(false, ConfigPropagationScenario.usePorts("fixed", 2));
    }

    private static Map<String, String> query(String raw) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
