package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.List;

/**
 * What the ledger auditor proved, or found, over one consistent snapshot of the cell's ledger.
 *
 * @param passed    {@code true} when there are no findings
 * @param findings  each broken invariant, by check
 */
public record AuditReport(boolean passed, Instant startedAt, Instant finishedAt, long accountsChecked,
        long transfersChecked, List<Finding> findings) {

    /** One broken invariant: which check and what it found. */
    public record Finding(String check, String detail) {
    }

    /** Sum of all balances of a currency is not zero. */
    public static final String CURRENCY_NOT_BALANCED = "currency_not_balanced";
    /** An account's balance differs from the sum of its entries. */
    public static final String BALANCE_NOT_ENTRIES = "balance_not_entries";
    /** An account's reserved amount differs from its pending reservations. */
    public static final String PENDING_NOT_RESERVATIONS = "pending_not_reservations";
    /** A posted transfer lacks its debit and credit entries, or they do not cancel out. */
    public static final String TRANSFER_NOT_ENTERED = "transfer_not_entered";
    /**
     * An entry names a transfer or an account that does not exist. No foreign key checks this at every write (the
     * ledger writes an entry in the statement that writes its transfer and its account's balance): the audit does.
     */
    public static final String ENTRY_ORPHANED = "entry_orphaned";
    /** An idempotency key maps to more than one request. */
    public static final String KEY_APPLIED_TWICE = "key_applied_twice";
    /** A reservation is still held well past its expiry. */
    public static final String EXPIRED_RESERVATION_HELD = "expired_reservation_held";
    /** A player account is below zero (the constraint was bypassed). */
    public static final String PLAYER_NEGATIVE = "player_negative";
}
