package io.cellbet.accounts.persistence;

import io.cellbet.accounts.api.Player;
import io.cellbet.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tables of schema {@code accounts}: players, refresh tokens, signing keys and the audit trail. */
@ApplicationScoped
public class Players {

    private static final String PLAYER_COLUMNS = """
            id, brand, email, username, password_hash, date_of_birth, country, currency, status, kyc_status,
            failed_logins, locked_until, last_login_at, created_at, version""";

    private final Sql sql;

    public Players(Sql sql) {
        this.sql = sql;
    }

    /** A player row with what only this module sees: the password hash and the login counters. */
    public record StoredPlayer(Player player, String passwordHash, int failedLogins, Instant lockedUntil, long version) {
    }

    /** A new player, as registration writes it. */
    public record NewPlayer(UUID id, String brand, String email, String username, String passwordHash,
            LocalDate dateOfBirth, String country, String currency, Instant createdAt) {
    }

    /** Which unique login name a registration collided with. */
    public enum Taken {
        EMAIL, USERNAME
    }

    /** Inserts the player, or names the login name another player of the brand already has. */
    public Optional<Taken> insert(NewPlayer player) {
        // Checked first so the answer names the field; the unique indexes still decide under a race.
        Optional<Taken> taken = taken(player.brand(), player.email(), player.username());
        if (taken.isPresent()) {
            return taken;
        }
        int inserted = sql.update("""
                INSERT INTO accounts.players (id, brand, email, username, password_hash, date_of_birth, country,
                    currency, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                player.id(), player.brand(), player.email(), player.username(), player.passwordHash(),
                player.dateOfBirth(), player.country(), player.currency(), player.createdAt(), player.createdAt());
        return inserted == 1 ? Optional.empty()
                : Optional.of(taken(player.brand(), player.email(), player.username()).orElse(Taken.EMAIL));
    }

    private Optional<Taken> taken(String brand, String email, String username) {
        return sql.one("""
                SELECT bool_or(lower(email) = lower(?)) AS email, bool_or(lower(username) = lower(?)) AS username
                FROM accounts.players
                WHERE brand = ? AND (lower(email) = lower(?) OR lower(username) = lower(?))""",
                row -> row.getBoolean("email") ? Optional.of(Taken.EMAIL)
                        : row.getBoolean("username") ? Optional.of(Taken.USERNAME) : Optional.<Taken>empty(),
                email, username, brand, email, username).flatMap(found -> found);
    }

    public Optional<StoredPlayer> find(UUID id) {
        return sql.one("SELECT " + PLAYER_COLUMNS + " FROM accounts.players WHERE id = ?", Players::stored, id);
    }

    /** The player of the brand whose e-mail or username is this login name, whatever its case. */
    public Optional<StoredPlayer> findByLoginName(String brand, String loginName, boolean lock) {
        String column = loginName.contains("@") ? "email" : "username";
        return sql.one("SELECT " + PLAYER_COLUMNS + " FROM accounts.players WHERE brand = ? AND lower(" + column
                + ") = lower(?)" + (lock ? " FOR UPDATE" : ""), Players::stored, brand, loginName);
    }

    /** Stores the failed-login count and lock the login rules decided for the player (whose row the caller locked). */
    public StoredPlayer recordFailedLogin(UUID id, int failedLogins, Instant lockedUntil, Instant now) {
        return sql.one("UPDATE accounts.players SET failed_logins = ?, locked_until = ?, updated_at = ?, "
                + "version = version + 1 WHERE id = ? RETURNING " + PLAYER_COLUMNS, Players::stored, failedLogins,
                lockedUntil, now, id).orElseThrow();
    }

    /** A successful login: the failure count and any lock are cleared, a rehashed password (if any) stored. */
    public void recordLogin(UUID id, Instant now, String rehashedPassword) {
        sql.update("UPDATE accounts.players SET failed_logins = 0, locked_until = NULL, last_login_at = ?, "
                + "password_hash = coalesce(?, password_hash), updated_at = ?, version = version + 1 WHERE id = ?",
                now, rehashedPassword, now, id);
    }

    // ---- refresh tokens

    public record RefreshToken(UUID id, UUID familyId, UUID playerId, Instant expiresAt, Instant revokedAt) {
    }

    public void insertRefreshToken(UUID id, UUID familyId, UUID playerId, byte[] tokenHash, Instant issuedAt,
            Instant expiresAt) {
        sql.update("INSERT INTO accounts.refresh_tokens (id, family_id, player_id, token_hash, issued_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, familyId, playerId, tokenHash, issuedAt, expiresAt);
    }

    /** The refresh token with this hash, locked, so two refreshes with one token cannot both succeed. */
    public Optional<RefreshToken> lockRefreshToken(byte[] tokenHash) {
        return sql.one("SELECT id, family_id, player_id, expires_at, revoked_at FROM accounts.refresh_tokens "
                + "WHERE token_hash = ? FOR UPDATE", row -> new RefreshToken(row.getObject("id", UUID.class),
                        row.getObject("family_id", UUID.class), row.getObject("player_id", UUID.class),
                        Sql.instant(row, "expires_at"), Sql.instant(row, "revoked_at")), tokenHash);
    }

    public void revokeRefreshToken(UUID id, Instant now, String why) {
        sql.update("UPDATE accounts.refresh_tokens SET revoked_at = ?, revoked_why = ? WHERE id = ? "
                + "AND revoked_at IS NULL", now, why, id);
    }

    /** Revokes every live token of the family; answers how many. */
    public int revokeRefreshFamily(UUID familyId, Instant now, String why) {
        return sql.update("UPDATE accounts.refresh_tokens SET revoked_at = ?, revoked_why = ? WHERE family_id = ? "
                + "AND revoked_at IS NULL", now, why, familyId);
    }

    // ---- signing keys

    public record SigningKey(String keyId, byte[] privateKey, byte[] publicKey) {
    }

    /** Stores the key unless a live one exists; answers the live key, this one or the one that won. */
    public SigningKey currentSigningKey(SigningKey candidate, Instant now) {
        sql.update("INSERT INTO accounts.signing_keys (key_id, algorithm, private_key, public_key, created_at) "
                + "SELECT ?, 'RS256', ?, ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM accounts.signing_keys WHERE retired_at IS NULL)",
                candidate.keyId(), candidate.privateKey(), candidate.publicKey(), now);
        return sql.list("SELECT key_id, private_key, public_key FROM accounts.signing_keys WHERE retired_at IS NULL "
                + "ORDER BY created_at, key_id", row -> new SigningKey(row.getString("key_id"),
                        row.getBytes("private_key"), row.getBytes("public_key"))).get(0);
    }

    // ---- audit

    public record AuditRecord(long id, UUID playerId, String brand, String action, String actor, String reason,
            String before, String after, Instant occurredAt) {
    }

    public void appendAudit(UUID playerId, String brand, String action, String actor, String reason, String before,
            String after, Instant occurredAt) {
        sql.update("INSERT INTO accounts.audit (player_id, brand, action, actor, reason, before_state, after_state, "
                + "occurred_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)",
                playerId, brand, action, actor, reason, before, after, occurredAt);
    }

    /** The player's audit records older than {@code beforeId} (newest first), at most {@code limit}. */
    public List<AuditRecord> audit(UUID playerId, long beforeId, int limit) {
        return sql.list("SELECT id, player_id, brand, action, actor, reason, before_state::text AS before_state, "
                + "after_state::text AS after_state, occurred_at FROM accounts.audit WHERE player_id = ? AND id < ? "
                + "ORDER BY id DESC LIMIT ?", row -> new AuditRecord(row.getLong("id"),
                        row.getObject("player_id", UUID.class), row.getString("brand"), row.getString("action"),
                        row.getString("actor"), row.getString("reason"), row.getString("before_state"),
                        row.getString("after_state"), Sql.instant(row, "occurred_at")), playerId, beforeId, limit);
    }

    static StoredPlayer stored(ResultSet row) throws SQLException {
        Player player = new Player(row.getObject("id", UUID.class), row.getString("brand"), row.getString("email"),
                row.getString("username"), row.getObject("date_of_birth", LocalDate.class), row.getString("country"),
                row.getString("currency"), row.getString("status"), row.getString("kyc_status"),
                Sql.instant(row, "last_login_at"), Sql.instant(row, "created_at"));
        return new StoredPlayer(player, row.getString("password_hash"), row.getInt("failed_logins"),
                Sql.instant(row, "locked_until"), row.getLong("version"));
    }
}
