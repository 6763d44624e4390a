package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path dir;

    private final BenchResult result = BenchResult.builder("config")
            .metric("changes", 1000)
            .metric("propagation_p99_ms", 123.45678)
            .metric("propagation_max_ms", 612.0)
            .target("propagation_p99_ms", "<= 500")
            .target("propagation_max_ms", "<= 500")
            .context("infrastructure", "embedded")
            .build();
    private final BenchOptions options = BenchOptions.parse(List.of("--rate=25"),
            List.of(new ScenarioOption("rate", "50", ""), new ScenarioOption("ports", "auto", "")));

    @Test
    void writesScenarioMetricsAndEnvironmentAsJson() throws Exception {
        Map<String, Object> environment = BenchEnvironment.capture(dir, Instant.parse("2026-11-27T17:00:00Z"));

        Path file = BenchReport.write(result, environment, options, dir);

        assertEquals(dir.resolve("config.json"), file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("config", json.get("scenario").asText());
        assertTrue(json.get("metrics").get("changes").isIntegralNumber());
        assertEquals(1000, json.get("metrics").get("changes").asLong());
        assertEquals(123.457, json.get("metrics").get("propagation_p99_ms").asDouble());
        JsonNode env = json.get("environment");
        for (String key : List.of("java", "os", "cpus", "gitCommit", "startedAt")) {
            assertTrue(env.has(key), "environment lacks " + key);
        }
        assertEquals(Runtime.getRuntime().availableProcessors(), env.get("cpus").asInt());
        assertEquals("unknown", env.get("gitCommit").asText());
        assertEquals("2026-11-27T17:00:00Z", env.get("startedAt").asText());
        assertEquals(25, env.get("rate").asInt());
        assertTrue(env.get("rate").isNumber());
        assertEquals("auto", env.get("ports").asText());
        assertEquals("embedded", env.get("infrastructure").asText());
    }

    @Test
    void printsAMarkdownTableWithTargetsMetOrMissed() {
        String markdown = BenchReport.markdown(result);

        assertTrue(markdown.startsWith("## config\n"));
        assertTrue(markdown.contains("| metric | value | target |"));
        assertTrue(markdown.contains("| changes | 1000 |  |"), markdown);
        assertTrue(markdown.contains("| propagation_p99_ms | 123.457 | <= 500 (met) |"), markdown);
        assertTrue(markdown.contains("| propagation_max_ms | 612 | <= 500 (**missed**) |"), markdown);
    }
}
