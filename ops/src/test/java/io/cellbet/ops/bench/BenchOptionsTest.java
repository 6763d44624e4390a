package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final List<ScenarioOption> DECLARED = List.of(
            new ScenarioOption("rate", "50", "per second"),
            new ScenarioOption("idle-s", "5", "seconds"),
            new ScenarioOption("verbose", "false", "talk more"));

    @Test
    void fillsInDefaultsAndAppliesGivenValues() {
        BenchOptions options = BenchOptions.parse(List.of("--rate=200", "--idle-s=2.5", "--verbose"), DECLARED);

        assertEquals(200, options.intValue("rate"));
        assertEquals(Duration.ofMillis(2500), options.seconds("idle-s"));
        assertEquals(true, options.booleanValue("verbose"));
        assertEquals(Map.of("rate", "200", "idle-s", "2.5", "verbose", "true"), options.values());
    }

    @Test
    void keepsDefaultsWhenNothingIsGiven() {
        BenchOptions options = BenchOptions.parse(List.of(), DECLARED);

        assertEquals(50.0, options.doubleValue("rate"));
        assertEquals(false, options.booleanValue("verbose"));
    }

    @Test
    void rejectsAnOptionTheScenarioDoesNotDeclare() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--rat=5"), DECLARED));
        assertTrue(failure.getMessage().contains("--rat"));
    }

    @Test
    void rejectsAnArgumentThatIsNotAnOption() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("rate=5"), DECLARED));
    }

    @Test
    void namesTheOptionWhenAValueIsNotANumber() {
        BenchOptions options = BenchOptions.parse(List.of("--rate=fast"), DECLARED);
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> options.longValue("rate"));
        assertTrue(failure.getMessage().contains("--rate"));
    }
}
