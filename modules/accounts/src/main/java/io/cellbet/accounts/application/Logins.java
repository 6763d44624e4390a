package io.cellbet.accounts.application;

import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.config.AccountsConfig;
import io.cellbet.accounts.persistence.Players;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Logins, token refreshes and logouts of a brand's players.
 *
 * <p>A login verifies the password outside any transaction (Argon2id takes tens of
 * milliseconds), then, with the player's row locked, counts a failure or records the login. The
 * {@code failures-max}-th consecutive failure locks the account for {@code lockout}; while locked,
 * no password is checked. A successful login answers the previous login's time, so a player sees
 * a login that was not theirs.
 *
 * <p>Refresh tokens are random 256-bit strings; only their SHA-256 is stored. Each refresh
 * replaces the token; a replaced token presented again means it was copied, and the whole
 * family (every token descended from that login) is revoked.
 */
@ApplicationScoped
public class Logins {

    /** Why a login or refresh was refused. */
    public enum Refusal {
        /** Unknown login name or wrong password: the answer does not say which. */
        INVALID_CREDENTIALS,
        ACCOUNT_LOCKED,
        ACCOUNT_SUSPENDED,
        ACCOUNT_CLOSED,
        /** A refresh token that is unknown, expired, revoked or of another brand. */
        INVALID_REFRESH_TOKEN,
        /** The session has lasted the player's own session time limit: log in again. */
        SESSION_LIMIT_REACHED
    }

    /** The tokens of a session. */
    public record Tokens(String accessToken, long accessExpiresInSeconds, String refreshToken,
            Instant refreshExpiresAt) {
    }

    public sealed interface Outcome {
        record LoggedIn(Player player, Tokens tokens, Instant previousLoginAt) implements Outcome {
        }

        record Refused(Refusal refusal, Instant lockedUntil) implements Outcome {
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final Players players;
    private final PasswordHashing passwords;
    private final AccessTokens accessTokens;
    private final AuditTrail audit;
    private final AccountsConfig config;
    private final Clock clock;

    public Logins(Players players, PasswordHashing passwords, AccessTokens accessTokens, AuditTrail audit,
            AccountsConfig config, Clock clock) {
        this.players = players;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public Outcome login(String brand, String loginName, String password) {
        Optional<Players.StoredPlayer> found = players.findByLoginName(brand, loginName, false);
        // A player who came through a brand's launch token has no password: no password lets them in.
        if (found.isEmpty() || found.get().passwordHash() == null) {
            passwords.matchDecoy(password);
            return new Outcome.Refused(Refusal.INVALID_CREDENTIALS, null);
        }
        Players.StoredPlayer seen = found.get();
        Instant now = now();
        if (locked(seen, now)) {
            return new Outcome.Refused(Refusal.ACCOUNT_LOCKED, seen.lockedUntil());
        }
        boolean matches = passwords.matches(seen.passwordHash(), password);
        String rehashed = matches && !passwords.parameters().isCurrent(seen.passwordHash())
                ? passwords.hash(password) : null;
        return QuarkusTransaction.requiringNew().call(() -> {
            // Locked now: concurrent attempts on one account count one by one.
            Players.StoredPlayer current = players.findByLoginName(brand, loginName, true).orElseThrow();
            if (locked(current, now)) {
                return new Outcome.Refused(Refusal.ACCOUNT_LOCKED, current.lockedUntil());
            }
            if (!matches) {
                return failed(current, now);
            }
            return admit(current, now, rehashed, null);
        });
    }

    /**
     * Lets in a player whose identity was proven (a password matched, or a brand's launch token was
     * verified), in the caller's transaction, with the player's row locked: refused while
     * suspended or closed, else the login is recorded and audited and a new session's tokens
     * issued, as every way in answers them.
     *
     * @param rehashed  the password hashed anew with the current parameters, or {@code null}
     * @param reason    how the player proved who they are, for the audit trail ({@code null}: a password)
     */
    Outcome admit(Players.StoredPlayer current, Instant now, String rehashed, String reason) {
        Player player = current.player();
        if ("suspended".equals(player.status())) {
            return new Outcome.Refused(Refusal.ACCOUNT_SUSPENDED, null);
        }
        if ("closed".equals(player.status())) {
            return new Outcome.Refused(Refusal.ACCOUNT_CLOSED, null);
        }
        players.recordLogin(player.id(), now, rehashed);
        Players.StoredPlayer after = players.find(player.id()).orElseThrow();
        audit.record(player.id(), player.brand(), "logged-in", player.id().toString(), reason, loginState(current),
                loginState(after));
        Tokens tokens = issue(player, UUID.randomUUID(), now);
        return new Outcome.LoggedIn(after.player(), tokens, player.lastLoginAt());
    }

    /** Exchanges a refresh token for new tokens; the presented token is used up. */
    public Outcome refresh(String brand, String refreshToken) {
        Instant now = now();
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Players.RefreshToken> found = players.lockRefreshToken(digest(refreshToken));
            if (found.isEmpty()) {
                return refusedRefresh();
            }
            Players.RefreshToken token = found.get();
            if (token.revokedAt() != null) {
                players.revokeRefreshFamily(token.familyId(), now, "a used or revoked token was presented again");
                return refusedRefresh();
            }
            Players.StoredPlayer stored = players.find(token.playerId()).orElseThrow();
            if (!stored.player().brand().equals(brand) || !token.expiresAt().isAfter(now)) {
                return refusedRefresh();
            }
            if (!"active".equals(stored.player().status())) {
                players.revokeRefreshFamily(token.familyId(), now, "player " + stored.player().status());
                return new Outcome.Refused("suspended".equals(stored.player().status()) ? Refusal.ACCOUNT_SUSPENDED
                        : Refusal.ACCOUNT_CLOSED, null);
            }
            Optional<Integer> sessionLimit = Optional.ofNullable(
                    (Integer) players.sessionSettings(stored.player().id()).get("sessionLimitMinutes"));
            if (sessionLimit.isPresent() && !players.sessionStartedAt(token.familyId())
                    .plus(java.time.Duration.ofMinutes(sessionLimit.get())).isAfter(now)) {
                players.revokeRefreshFamily(token.familyId(), now, "session time limit reached");
                return new Outcome.Refused(Refusal.SESSION_LIMIT_REACHED, null);
            }
            players.revokeRefreshToken(token.id(), now, "refreshed");
            return new Outcome.LoggedIn(stored.player(), issue(stored.player(), token.familyId(), now),
                    stored.player().lastLoginAt());
        });
    }

    /** Revokes the session the refresh token belongs to; answers whether it was a live token of the brand. */
    public boolean logout(String brand, String refreshToken) {
        Instant now = now();
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Players.RefreshToken> found = players.lockRefreshToken(digest(refreshToken));
            if (found.isEmpty() || found.get().revokedAt() != null
                    || !players.find(found.get().playerId()).orElseThrow().player().brand().equals(brand)) {
                return false;
            }
            return players.revokeRefreshFamily(found.get().familyId(), now, "logged out") > 0;
        });
    }

    private Outcome failed(Players.StoredPlayer current, Instant now) {
        // A lock that has run out starts a fresh count.
        boolean lockExpired = current.lockedUntil() != null && !current.lockedUntil().isAfter(now);
        int failures = lockExpired ? 1 : current.failedLogins() + 1;
        boolean locks = failures >= config.login().failuresMax();
        Instant lockedUntil = locks ? now.plus(config.login().lockout()) : lockExpired ? null : current.lockedUntil();
        Players.StoredPlayer after = players.recordFailedLogin(current.player().id(), failures, lockedUntil, now);
        audit.record(current.player().id(), current.player().brand(), locks ? "locked" : "login-failed",
                AuditTrail.SYSTEM, failures + " failed login(s) in a row", loginState(current), loginState(after));
        return locks ? new Outcome.Refused(Refusal.ACCOUNT_LOCKED, lockedUntil)
                : new Outcome.Refused(Refusal.INVALID_CREDENTIALS, null);
    }

    private Tokens issue(Player player, UUID familyId, Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String refreshToken = TOKEN_TEXT.encodeToString(secret);
        Instant refreshExpiresAt = now.plus(config.tokens().refreshLifetime());
        players.insertRefreshToken(UUID.randomUUID(), familyId, player.id(), digest(refreshToken), now,
                refreshExpiresAt);
        String accessToken = accessTokens.issue(player.id(), player.brand(), config.tokens().accessLifetime());
        return new Tokens(accessToken, config.tokens().accessLifetime().toSeconds(), refreshToken, refreshExpiresAt);
    }

    private static Outcome refusedRefresh() {
        return new Outcome.Refused(Refusal.INVALID_REFRESH_TOKEN, null);
    }

    private static boolean locked(Players.StoredPlayer player, Instant now) {
        return player.lockedUntil() != null && player.lockedUntil().isAfter(now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The part of a player a login changes, as its audit rows show it. */
    private static Map<String, Object> loginState(Players.StoredPlayer stored) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("failedLogins", stored.failedLogins());
        state.put("lockedUntil", stored.lockedUntil());
        state.put("lastLoginAt", stored.player().lastLoginAt());
        return state;
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
