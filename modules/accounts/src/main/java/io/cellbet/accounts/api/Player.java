package io.cellbet.accounts.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A player as the player and other modules see it: no password hash, no counters.
 *
 * @param status               {@code active}, {@code suspended} or {@code closed}
 * @param kycStatus            {@code unverified}, {@code pending}, {@code verified} or {@code rejected}
 * @param timedOutUntil        end of the player's time-out, when one was taken
 * @param excludedUntil        end of the player's self-exclusion, when one was made for a period
 * @param excludedPermanently  whether the player excluded themself for good
 */
public record Player(UUID id, String brand, String email, String username, LocalDate dateOfBirth, String country,
        String currency, String status, String kycStatus, Instant lastLoginAt, Instant createdAt,
        Instant timedOutUntil, Instant excludedUntil, boolean excludedPermanently) {

    /** Whether a time-out or self-exclusion holds at {@code now}: the player may then only withdraw. */
    public boolean restrictedAt(Instant now) {
        return excludedPermanently || excludedUntil != null && excludedUntil.isAfter(now)
                || timedOutUntil != null && timedOutUntil.isAfter(now);
    }
}
