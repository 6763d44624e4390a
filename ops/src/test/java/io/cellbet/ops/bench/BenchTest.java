package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private final Scenario echo = new Scenario() {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String description() {
            return "reports its option";
        }

        @Override
        public List<ScenarioOption> options() {
            return List.of(new ScenarioOption("value", "7", "the value"));
        }

        @Override
        public BenchResult run(BenchOptions options) {
            if (options.longValue("value") < 0) {
                throw new IllegalStateException("negative");
            }
            return BenchResult.builder("echo").metric("value", options.longValue("value")).build();
        }
    };
    private final Scenarios scenarios = new Scenarios(List.of(echo));

    @Test
    void unknownScenarioListsTheKnownOnesAndExitsWithTwo() {
        assertEquals(Bench.EXIT_USAGE, run("nope"));
        assertTrue(err().contains("Unknown scenario 'nope'"));
        assertTrue(err().contains("echo"));
    }

    @Test
    void unknownOptionExitsWithTwo() {
        assertEquals(Bench.EXIT_USAGE, run("echo", "--valeu=3"));
        assertTrue(err().contains("--valeu"));
    }

    @Test
    void runsTheScenarioPrintsTheTableAndWritesTheJson() throws Exception {
        assertEquals(Bench.EXIT_OK, run("echo", "--value=42"));
        assertTrue(out().contains("| value | 42 |"), out());
        String json = Files.readString(dir.resolve("echo.json"));
        assertTrue(json.contains("\"value\" : 42"), json);
    }

    @Test
    void failingScenarioExitsWithOne() {
        assertEquals(Bench.EXIT_FAILED, run("echo", "--value=-1"));
        assertTrue(err().contains("negative"));
    }

    @Test
    void theConfigScenarioIsRegistered() {
        assertTrue(Scenarios.all().find("config").isPresent());
    }

    private int run(String... args) {
        return Bench.run(List.of(args), scenarios, dir, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
