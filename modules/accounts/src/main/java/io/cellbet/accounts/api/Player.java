package io.cellbet.accounts.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A player as the player and other modules see it: no password hash, no counters.
 *
 * @param status     {@code active}, {@code suspended} or {@code closed}
 * @param kycStatus  {@code unverified}, {@code pending}, {@code verified} or {@code rejected}
 */
public record Player(UUID id, String brand, String email, String username, LocalDate dateOfBirth, String country,
        String currency, String status, String kycStatus, Instant lastLoginAt, Instant createdAt) {
}
