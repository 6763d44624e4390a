package io.cellbet.accounts.api;

import java.util.UUID;

/** Who is calling: other modules' player endpoints authenticate through here. */
public interface PlayerSessions {

    /**
     * The player holding a valid access token of this cell for {@code brand}, from the request's
     * {@code Authorization} header; otherwise throws a problem (401 TOKEN_REQUIRED or INVALID_TOKEN, 403
     * BRAND_MISMATCH).
     */
    UUID authenticatedPlayer(String brand, String authorization);
}
