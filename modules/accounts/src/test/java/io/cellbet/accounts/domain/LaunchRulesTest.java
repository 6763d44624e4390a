package io.cellbet.accounts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cellbet.contracts.accounts.LaunchTokens;
import io.cellbet.platform.problem.Problem.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final List<String> CURRENCIES = List.of("EUR", "GBP");

    private static LaunchTokens.Payload payload(String brand, Long exp) {
        return new LaunchTokens.Payload(brand, "u-123", "EUR", "GB", "1990-04-23", "de-AT", exp, "0123456789abcdef");
    }

    private static LaunchRules.Verdict check(LaunchTokens.Payload payload) {
        return LaunchRules.check(payload, "ACME", NOW, 18, CURRENCIES);
    }

    @Test
    void acceptsAPayloadForThisBrandThatExpiresSoon() {
        long exp = NOW.plus(LaunchTokens.LIFETIME_MAX).getEpochSecond();
        assertEquals(new LaunchRules.Verdict.Accepted(Instant.ofEpochSecond(exp)), check(payload("ACME", exp)));
    }

    @Test
    void refusesAnotherBrandsPayload() {
        assertInstanceOf(LaunchRules.Verdict.WrongBrand.class, check(payload("OTHER", NOW.getEpochSecond() + 60)));
    }

    @Test
    void refusesAnExpiryPassedOrTooFarAhead() {
        assertInstanceOf(LaunchRules.Verdict.Expired.class, check(payload("ACME", NOW.getEpochSecond())));
        assertInstanceOf(LaunchRules.Verdict.Expired.class, check(payload("ACME",
                NOW.plus(LaunchTokens.LIFETIME_MAX).plus(Duration.ofSeconds(1)).getEpochSecond())));
        assertInstanceOf(LaunchRules.Verdict.Expired.class, check(payload("ACME", Long.MAX_VALUE)));
    }

    @Test
    void namesEveryInvalidField() {
        LaunchRules.Verdict verdict = check(new LaunchTokens.Payload("ACME", "has space", "USD", "XX", "2010-01-01",
                "!!", null, "short"));
        assertEquals(List.of("externalPlayerId", "dateOfBirth", "country", "currency", "locale", "exp", "nonce"),
                assertInstanceOf(LaunchRules.Verdict.Invalid.class, verdict).errors().stream()
                        .map(FieldError::field).toList());
    }
}
