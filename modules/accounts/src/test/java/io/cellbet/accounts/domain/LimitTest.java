package io.cellbet.accounts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LimitTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration COOLING_OFF = Duration.ofHours(24);

    @Test
    void aNewOrLowerLimitAppliesAtOnceAndCancelsAWaitingIncrease() {
        Limit.Changed first = Limit.none("deposit", "day").set(1_000, NOW, COOLING_OFF);
        assertEquals(Limit.Change.APPLIED, first.change());
        Limit.Changed higher = first.limit().set(5_000, NOW, COOLING_OFF);
        assertEquals(Limit.Change.PENDING, higher.change());
        assertEquals(1_000L, higher.limit().amountMinor());
        assertEquals(NOW.plus(COOLING_OFF), higher.limit().pendingEffectiveAt());
        Limit.Changed lower = higher.limit().set(800, NOW.plusSeconds(60), COOLING_OFF);
        assertEquals(Limit.Change.APPLIED, lower.change());
        assertEquals(new Limit("deposit", "day", 800L, null, false, null), lower.limit());
    }

    @Test
    void aWaitingChangeAppliesOnlyOnceItsCoolingOffHasPassed() {
        Limit pending = Limit.none("loss", "week").set(1_000, NOW, COOLING_OFF).limit().set(2_000, NOW, COOLING_OFF)
                .limit();
        assertEquals(1_000L, pending.settledAt(NOW.plus(COOLING_OFF).minusSeconds(1)).amountMinor());
        assertEquals(2_000L, pending.settledAt(NOW.plus(COOLING_OFF)).amountMinor());
        Limit removal = pending.settledAt(NOW.plus(COOLING_OFF)).remove(NOW.plus(COOLING_OFF), COOLING_OFF).limit();
        assertEquals(2_000L, removal.amountMinor());
        assertNull(removal.settledAt(NOW.plus(COOLING_OFF.multipliedBy(2))).amountMinor());
    }

    @Test
    void removingNothingChangesNothing() {
        assertEquals(Limit.Change.NONE, Limit.none("wager", "month").remove(NOW, COOLING_OFF).change());
        assertThrows(IllegalArgumentException.class, () -> Limit.none("wager", "month").set(0, NOW, COOLING_OFF));
    }
}
