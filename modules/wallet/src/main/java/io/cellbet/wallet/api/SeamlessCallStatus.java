package io.cellbet.wallet.api;

/** Where a call to a seamless brand's wallet stands in the shadow ledger. */
public enum SeamlessCallStatus {
    /** Recorded and being sent, or waiting for its next attempt. */
    PENDING,
    /** The brand answered OK. */
    ACKNOWLEDGED,
    /** The brand refused it with a named code; nothing was applied. */
    REJECTED,
    /** A debit whose answer was lost (timeout, 5xx): its rollback is scheduled. */
    UNKNOWN,
    /** A debit undone by an acknowledged rollback. */
    ROLLED_BACK;

    /** The name in the shadow ledger ({@code rolled_back}). */
    public String code() {
        return name().toLowerCase();
    }

    public static SeamlessCallStatus ofCode(String code) {
        return valueOf(code.toUpperCase());
    }
}
