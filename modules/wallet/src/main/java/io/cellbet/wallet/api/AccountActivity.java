package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.Map;

/**
 * What moved through an account since a moment, summed by transfer type: the figures
 * responsible-gambling limits are checked against. Posted transfers count from their entries;
 * reservations still pending on the account count as debits, since their money is already
 * committed.
 *
 * @param debitedByType   minor units that left the account, by transfer type
 * @param creditedByType  minor units that arrived, by transfer type
 */
public record AccountActivity(long accountId, Instant since, Map<String, Long> debitedByType,
        Map<String, Long> creditedByType) {

    public long debited(String type) {
        return debitedByType.getOrDefault(type, 0L);
    }

    public long credited(String type) {
        return creditedByType.getOrDefault(type, 0L);
    }
}
