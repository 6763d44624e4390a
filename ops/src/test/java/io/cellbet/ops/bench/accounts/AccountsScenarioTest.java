package io.cellbet.ops.bench.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.LoadResults;
import io.cellbet.ops.bench.RateSteps;
import io.cellbet.ops.bench.Scenarios;
import io.cellbet.ops.bench.ScenarioOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsScenarioTest {

    @Test
    void isRegisteredUnderItsName() {
        assertTrue(Scenarios.all().find("accounts").orElseThrow() instanceof AccountsScenario);
    }

    @Test
    void defaultsStepRegistrationsAndLoginsAtRisingRatesAgainstP99Of500Ms() {
        AccountsScenario.Settings settings = AccountsScenario.Settings.from(options(Map.of()));

        assertEquals(List.of(5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 60.0, 80.0), settings.registrationRates());
        assertEquals(List.of(10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 60.0, 80.0, 120.0, 160.0), settings.loginRates());
        assertEquals(Duration.ofSeconds(15), settings.step());
        assertEquals(500.0, settings.p99TargetMs());
        assertEquals(8, settings.playerLoginsPerMinute());
    }

    @Test
    void acceptsShortStepsForAQuickTry() {
        AccountsScenario.Settings settings = AccountsScenario.Settings.from(options(Map.of("step-s", "5",
                "login-rates", "2.5,5")));

        assertEquals(Duration.ofSeconds(5), settings.step());
        assertEquals(List.of(2.5, 5.0), settings.loginRates());
    }

    @Test
    void rejectsRatesThatDoNotIncrease() {
        assertThrows(IllegalArgumentException.class, () -> AccountsScenario.Settings.from(options(Map.of(
                "login-rates", "40,20"))));
        assertThrows(IllegalArgumentException.class, () -> AccountsScenario.Settings.from(options(Map.of(
                "registration-rates", "5,5"))));
    }

    @Test
    void rejectsMoreLoginsPerPlayerThanTheCellsLimitLeavesRoomFor() {
        assertThrows(IllegalArgumentException.class, () -> AccountsScenario.Settings.from(options(Map.of(
                "player-logins-per-min", "9"))));
        assertThrows(IllegalArgumentException.class, () -> AccountsScenario.Settings.from(options(Map.of(
                "player-logins-per-min", "0"))));
    }

    @Test
    void rejectsAnEmptyStep() {
        assertThrows(IllegalArgumentException.class, () -> AccountsScenario.Settings.from(options(Map.of(
                "step-s", "0"))));
    }

    @Test
    void sizesTheLoginPlayersSoNoneLogsInMoreOftenThanAllowed() {
        assertEquals(1200, BenchPlayers.playersFor(160, 8));
        assertEquals(75, BenchPlayers.playersFor(10, 8));
        assertEquals(19, BenchPlayers.playersFor(2.5, 8));
    }

    @Test
    void registersPlayersTheCellsRulesAccept() {
        Map<String, Object> body = BenchPlayers.registration(123_456_789L);
        String password = (String) body.get("password");
        String username = (String) body.get("username");

        assertEquals("player123456789@bench.example", body.get("email"));
        assertTrue(username.length() >= 3 && username.length() <= 32, username);
        assertFalse(password.toLowerCase(Locale.ROOT).contains(username), password);
        assertTrue(password.length() >= 10 && password.chars().anyMatch(Character::isUpperCase)
                && password.chars().anyMatch(Character::isDigit), password);
        assertEquals("EUR", body.get("currency"));
    }

    @Test
    void readsArgon2ParametersFromAStoredHash() {
        Optional<AccountsScenario.Argon2Parameters> parameters = AccountsScenario.Argon2Parameters.fromPhc(
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");

        assertEquals(Optional.of(new AccountsScenario.Argon2Parameters(19, 19456, 2, 1)), parameters);
        assertEquals(Optional.empty(), AccountsScenario.Argon2Parameters.fromPhc("$2a$10$bcrypt"));
        assertEquals(Optional.empty(), AccountsScenario.Argon2Parameters.fromPhc(null));
    }

    @Test
    void hashMeanOfAStepCountsOnlyItsOwnHashes() {
        AccountsScenario.HashTotals before = new AccountsScenario.HashTotals(10, 1.0);
        AccountsScenario.HashTotals after = new AccountsScenario.HashTotals(30, 2.0);

        assertEquals(50.0, after.meanMsSince(before), 1e-9);
        assertEquals(0.0, before.meanMsSince(before));
        assertEquals(100.0, before.meanMs(), 1e-9);
    }

    @Test
    void reportsTheHighestRateHeldWithItsP99AndMeanHash() {
        RateSteps steps = new RateSteps(500);
        steps.add(LoadResults.of(10, 10, 300_000, 0));
        steps.add(LoadResults.of(15, 15, 450_000, 0));
        steps.add(LoadResults.of(20, 16, 2_000_000, 0));
        AccountsScenario.Phase phase = new AccountsScenario.Phase("logins", steps, List.of(70.0, 90.0, 280.0));

        assertEquals(15, phase.heldRate());
        assertEquals(450, phase.reported().p99Ms(), 1);
        assertEquals(90.0, phase.reportedHashMs());
    }

    @Test
    void reportsTheFirstStepWhenNoneWasHeld() {
        RateSteps steps = new RateSteps(500);
        steps.add(LoadResults.of(10, 10, 900_000, 0));
        AccountsScenario.Phase phase = new AccountsScenario.Phase("logins", steps, List.of(120.0));

        assertEquals(0, phase.heldRate());
        assertEquals(900, phase.reported().p99Ms(), 1);
        assertEquals(120.0, phase.reportedHashMs());
    }

    private static BenchOptions options(Map<String, String> overrides) {
        List<ScenarioOption> declared = new AccountsScenario().options();
        Map<String, String> values = new LinkedHashMap<>();
        declared.forEach(option -> values.put(option.name(), option.defaultValue()));
        values.putAll(overrides);
        return BenchOptions.of(values);
    }
}
