package io.cellbet.wallet.api;

import java.util.Map;

/**
 * One movement of a request: {@code amountMinor} of {@code currency} from the debit account to
 * the credit account.
 *
 * @param debitAccountId   account the money leaves
 * @param creditAccountId  account the money reaches
 * @param amountMinor      positive amount in minor units
 * @param currency         must be the currency of both accounts
 * @param type             what the movement is, such as {@code deposit}, {@code stake}, {@code win}
 * @param reference        the business object it belongs to, such as a bet id; optional
 * @param metadata         free key/value details kept with the transfer; optional
 */
public record TransferLeg(long debitAccountId, long creditAccountId, long amountMinor, String currency, String type,
        String reference, Map<String, String> metadata) {

    public TransferLeg {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
