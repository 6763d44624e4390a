package io.cellbet.wallet.api;

import java.util.Locale;

/** Where a transfer stands. A plain transfer is posted at once; a reservation starts pending. */
public enum TransferStatus {
    POSTED, PENDING, VOIDED, EXPIRED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransferStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
