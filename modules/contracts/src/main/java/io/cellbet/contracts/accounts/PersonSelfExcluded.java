package io.cellbet.contracts.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A player excluded themself from gambling: on {@code platform.cell-events}, routing key
 * {@code cell.<cellId>.accounts.PersonSelfExcluded}. The control plane finds the same person's
 * accounts in the operator's other brands (by {@code personDigest}) and sends each owning cell
 * {@link ExcludePerson}.
 *
 * @param excludedUntil  end of the exclusion; null when permanent
 */
public record PersonSelfExcluded(UUID playerId, String brand, String cellId, String personDigest,
        Instant excludedUntil, boolean permanent, Instant excludedAt) {

    public static final String TYPE = "PersonSelfExcluded";
    public static final int SCHEMA_VERSION = 1;
}
