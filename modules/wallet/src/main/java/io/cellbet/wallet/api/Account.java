package io.cellbet.wallet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An account as it stands.
 *
 * @param id                   the account id
 * @param brand                the brand the account belongs to
 * @param playerId             the owning player; {@code null} for a house account
 * @param kind                 what the account is for
 * @param currency             ISO 4217 code
 * @param balanceMinor         credits minus debits posted so far, in minor units
 * @param pendingDebitsMinor   reserved by pending two-phase transfers, not spendable
 * @param version              incremented by every change of the balance or the reservations
 * @param createdAt            when it was opened
 */
public record Account(long id, String brand, String playerId, AccountKind kind, String currency, long balanceMinor,
        long pendingDebitsMinor, long version, Instant createdAt) {

    /** What can be spent now: the balance less what is reserved. */
    @JsonProperty("availableMinor")
    public long availableMinor() {
        return balanceMinor - pendingDebitsMinor;
    }
}
