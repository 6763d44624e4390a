package io.cellbet.accounts.rest;

import io.cellbet.accounts.api.Player;
import java.time.Instant;

/** Request and response bodies of the accounts API. Fields are boxed text so a missing one is named. */
final class AccountsBodies {

    private AccountsBodies() {
    }

    /** A registration: an e-mail and/or a username, and the rest required. */
    record Register(String email, String username, String password, String dateOfBirth, String country,
            String currency) {
    }

    /** A login by e-mail or username. */
    record Login(String login, String password) {
    }

    /** A launch token a brand signed for its player (embedded web app). */
    record Launch(String token) {
    }

    /** A refresh token to exchange or revoke. */
    record Refresh(String refreshToken) {
    }

    /**
     * A session's tokens. The access token goes in {@code Authorization: Bearer}; the refresh token
     * is exchanged at {@code /token} before the access token expires.
     */
    record Session(String accessToken, String tokenType, long expiresIn, String refreshToken,
            Instant refreshExpiresAt, Instant previousLoginAt, Player player) {
    }
}
