package io.cellbet.wallet.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a transfer stands. A plain transfer is posted at once; a reservation starts pending. */
public enum TransferStatus {
    POSTED, PENDING, VOIDED, EXPIRED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransferStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
