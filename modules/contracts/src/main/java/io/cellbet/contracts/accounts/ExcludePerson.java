package io.cellbet.contracts.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * Control plane to one cell, on {@code platform.cell-commands} (routing key
 * {@code cell.<cellId>.ExcludePerson}): exclude every player of this cell who is the person of
 * {@code personDigest}, as the person chose in brand {@code sourceBrand}. Applying it twice, or
 * after a longer exclusion, changes nothing: an exclusion is only ever extended.
 *
 * @param excludedUntil  end of the exclusion; null when permanent
 */
public record ExcludePerson(String personDigest, Instant excludedUntil, boolean permanent, String sourceBrand,
        UUID sourcePlayerId, Instant excludedAt) {

    public static final String TYPE = "ExcludePerson";
    public static final int SCHEMA_VERSION = 1;
}
