package io.cellbet.wallet.api;

/** What a call to a seamless brand's wallet does. */
public enum SeamlessOperation {
    /** Takes money from the player (a stake). */
    DEBIT,
    /** Gives money to the player (a win, a refund). */
    CREDIT,
    /** Undoes a debit. */
    ROLLBACK;

    /** The name in the shadow ledger and the brand wallet API ({@code debit}). */
    public String code() {
        return name().toLowerCase();
    }

    public static SeamlessOperation ofCode(String code) {
        return valueOf(code.toUpperCase());
    }
}
