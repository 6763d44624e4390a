package io.cellbet.accounts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One responsible-gambling limit of a player: an amount in minor units per rolling period, and a
 * change waiting for its cooling-off. A lower or new limit applies at once; a higher one, or a
 * removal, only after the cooling-off (the player may not loosen a limit on impulse).
 *
 * @param kind                {@code deposit}, {@code loss} or {@code wager}
 * @param period              {@code day}, {@code week} or {@code month} (rolling 24 h, 7 days, 30 days)
 * @param amountMinor         the limit in force; null when none is
 * @param pendingAmountMinor  a higher limit waiting for its cooling-off
 * @param pendingRemoval      whether the limit's removal waits for its cooling-off
 * @param pendingEffectiveAt  when the waiting change applies
 */
public record Limit(String kind, String period, Long amountMinor, Long pendingAmountMinor, boolean pendingRemoval,
        Instant pendingEffectiveAt) {

    public static final List<String> KINDS = List.of("deposit", "loss", "wager");
    public static final List<String> PERIODS = List.of("day", "week", "month");

    /** How a change request ended. */
    public enum Change {
        /** In force now. */
        APPLIED,
        /** Waits for the cooling-off. */
        PENDING,
        /** Nothing to remove. */
        NONE
    }

    /** A limit after a request, and how the request ended. */
    public record Changed(Limit limit, Change change) {
    }

    public static Limit none(String kind, String period) {
        return new Limit(kind, period, null, null, false, null);
    }

    /** The rolling window of a period. */
    public static Duration window(String period) {
        return switch (period) {
            case "day" -> Duration.ofDays(1);
            case "week" -> Duration.ofDays(7);
            case "month" -> Duration.ofDays(30);
            default -> throw new IllegalArgumentException("unknown period " + period);
        };
    }

    /** Whether a change is waiting. */
    public boolean hasPending() {
        return pendingEffectiveAt != null;
    }

    /** This limit with a waiting change applied, when its cooling-off has passed by {@code now}. */
    public Limit settledAt(Instant now) {
        if (pendingEffectiveAt == null || pendingEffectiveAt.isAfter(now)) {
            return this;
        }
        return new Limit(kind, period, pendingRemoval ? null : pendingAmountMinor, null, false, null);
    }

    /** Asks for a limit of {@code amountMinor}: lower or new at once, higher after the cooling-off. */
    public Changed set(long amountMinor, Instant now, Duration coolingOff) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a limit is a positive amount");
        }
        Limit current = settledAt(now);
        if (current.amountMinor == null || amountMinor <= current.amountMinor) {
            // Tighter: no waiting, and it cancels any loosening that was waiting.
            return new Changed(new Limit(kind, period, amountMinor, null, false, null), Change.APPLIED);
        }
        return new Changed(new Limit(kind, period, current.amountMinor, amountMinor, false, now.plus(coolingOff)),
                Change.PENDING);
    }

    /** Asks for the limit's removal, which waits for the cooling-off. */
    public Changed remove(Instant now, Duration coolingOff) {
        Limit current = settledAt(now);
        if (current.amountMinor == null) {
            return new Changed(none(kind, period), current.hasPending() ? Change.APPLIED : Change.NONE);
        }
        return new Changed(new Limit(kind, period, current.amountMinor, null, true, now.plus(coolingOff)),
                Change.PENDING);
    }
}
