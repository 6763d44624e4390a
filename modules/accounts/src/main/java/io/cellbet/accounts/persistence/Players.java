package io.cellbet.accounts.persistence;

import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.domain.Limit;
import io.cellbet.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The tables of schema {@code accounts}: players, refresh tokens, signing keys and the audit trail. */
@ApplicationScoped
public class Players {

    private static final String PLAYER_COLUMNS = """
            id, brand, email, username, password_hash, date_of_birth, country, currency, status, kyc_status,
            failed_logins, locked_until, last_login_at, created_at, version, person_digest, timed_out_until,
            excluded_until, excluded_permanently, external_id""";
    private static final String PLAYER_COLUMNS_OF_P = Sql.qualified("p", PLAYER_COLUMNS);
    /** Expired launch nonces deleted per launch: enough to keep up, bounded so a launch never waits on a backlog. */
    private static final int EXPIRED_NONCES_PURGED_MAX = 100;

    private final Sql sql;

    public Players(Sql sql) {
        this.sql = sql;
    }

    /**
     * A player row with what only this module sees: the password hash and the login counters.
     *
     * @param passwordHash  {@code null} for a player who came through a launch token and has no password
     * @param externalId    the brand's id of a player who came through a launch token, else {@code null}
     */
    public record StoredPlayer(Player player, String passwordHash, int failedLogins, Instant lockedUntil, long version,
            String personDigest, String externalId) {
    }

    /** A new player, as registration (or a launch, with an external id and no password) writes it. */
    public record NewPlayer(UUID id, String brand, String email, String username, String passwordHash,
            LocalDate dateOfBirth, String country, String currency, String personDigest, Instant createdAt,
            String externalId) {
    }

    /** Which unique name of the brand's players a new player collided with. */
    public enum Taken {
        EMAIL, USERNAME, EXTERNAL_ID
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
                    currency, person_digest, created_at, updated_at, external_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                player.id(), player.brand(), player.email(), player.username(), player.passwordHash(),
                player.dateOfBirth(), player.country(), player.currency(), player.personDigest(), player.createdAt(),
                player.createdAt(), player.externalId());
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(taken(player.brand(), player.email(), player.username())
                .orElse(player.externalId() != null ? Taken.EXTERNAL_ID : Taken.EMAIL));
    }

    /** The brand's player who came through launch tokens with this external id. */
    public Optional<StoredPlayer> findByExternalId(String brand, String externalId, boolean lock) {
        return sql.one("SELECT " + PLAYER_COLUMNS + " FROM accounts.players WHERE brand = ? AND external_id = ?"
                + (lock ? " FOR UPDATE" : ""), Players::stored, brand, externalId);
    }

    // ---- launch nonces

    /**
     * Takes the nonce of a launch token of the brand: true the first time, false when it was taken
     * before. Deletes a few nonces whose tokens have expired on the way.
     */
    public boolean takeLaunchNonce(String brand, String nonce, Instant expiresAt, Instant now) {
        sql.update("DELETE FROM accounts.launch_nonces WHERE (brand, nonce) IN (SELECT brand, nonce FROM "
                + "accounts.launch_nonces WHERE expires_at < ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)",
                now, EXPIRED_NONCES_PURGED_MAX);
        return sql.update("INSERT INTO accounts.launch_nonces (brand, nonce, expires_at, taken_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", brand, nonce, expiresAt, now) == 1;
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

    /** The player, its row locked for a change. */
    public Optional<StoredPlayer> lock(UUID id) {
        return sql.one("SELECT " + PLAYER_COLUMNS + " FROM accounts.players WHERE id = ? FOR UPDATE", Players::stored,
                id);
    }

    /** This cell's players who are the person of the digest, in any brand, locked. */
    public List<StoredPlayer> lockPerson(String personDigest) {
        return sql.list("SELECT " + PLAYER_COLUMNS + " FROM accounts.players WHERE person_digest = ? ORDER BY id "
                + "FOR UPDATE", Players::stored, personDigest);
    }

    public void updateRestrictions(UUID id, Instant timedOutUntil, Instant excludedUntil, boolean excludedPermanently,
            Instant now) {
        sql.update("UPDATE accounts.players SET timed_out_until = ?, excluded_until = ?, excluded_permanently = ?, "
                + "updated_at = ?, version = version + 1 WHERE id = ?", timedOutUntil, excludedUntil,
                excludedPermanently, now, id);
    }

    public void updateKycStatus(UUID id, String kycStatus, Instant now) {
        sql.update("UPDATE accounts.players SET kyc_status = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                kycStatus, now, id);
    }

    public void updateStatus(UUID id, String status, Instant now) {
        sql.update("UPDATE accounts.players SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?", status,
                now, id);
    }

    public void updateSessionSettings(UUID id, Integer sessionLimitMinutes, Integer realityCheckMinutes, Instant now) {
        sql.update("UPDATE accounts.players SET session_limit_minutes = ?, reality_check_minutes = ?, updated_at = ?, "
                + "version = version + 1 WHERE id = ?", sessionLimitMinutes, realityCheckMinutes, now, id);
    }

    public Map<String, Object> sessionSettings(UUID id) {
        return sql.one("SELECT session_limit_minutes, reality_check_minutes FROM accounts.players WHERE id = ?", row -> {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("sessionLimitMinutes", row.getObject("session_limit_minutes", Integer.class));
            settings.put("realityCheckMinutes", row.getObject("reality_check_minutes", Integer.class));
            return settings;
        }, id).orElseThrow();
    }

    /** Revokes every live refresh token of the player; answers how many. */
    public int revokePlayerSessions(UUID playerId, Instant now, String why) {
        return sql.update("UPDATE accounts.refresh_tokens SET revoked_at = ?, revoked_why = ? WHERE player_id = ? "
                + "AND revoked_at IS NULL", now, why, playerId);
    }

    // ---- limits

    public List<Limit> limits(UUID playerId, boolean lock) {
        return sql.list("SELECT kind, period, amount_minor, pending_amount_minor, pending_removal, pending_effective_at "
                + "FROM accounts.limits WHERE player_id = ? ORDER BY kind, period" + (lock ? " FOR UPDATE" : ""),
                Players::limit, playerId);
    }

    /** A player and their limits, read together. */
    public record PlayerAndLimits(StoredPlayer stored, List<Limit> limits) {
    }

    /**
     * The players found with their limits, by id, in one query: what every batch of stakes asks for. In a transaction
     * the query goes with the transaction's next statement ({@link Sql#later}), and is read when the answer is asked
     * for; outside one, now.
     */
    public Supplier<Map<UUID, PlayerAndLimits>> findAllWithLimits(Collection<UUID> ids) {
        Map<UUID, StoredPlayer> found = new HashMap<>();
        Map<UUID, List<Limit>> limits = new HashMap<>();
        // Joined to the ids, not "id = ANY(?)": a server-prepared statement's array parameter is searched from end to
        // end for every row the plan looks at.
        Sql.Later<StoredPlayer> read = sql.later("SELECT " + PLAYER_COLUMNS_OF_P + ", l.kind, l.period, "
                + "l.amount_minor, l.pending_amount_minor, l.pending_removal, l.pending_effective_at FROM (SELECT "
                + "DISTINCT id FROM unnest(?::uuid[]) AS wanted(id)) w JOIN accounts.players p ON p.id = w.id LEFT "
                + "JOIN accounts.limits l ON l.player_id = p.id ORDER BY p.id, l.kind, l.period", row -> {
                    StoredPlayer player = stored(row);
                    found.putIfAbsent(player.player().id(), player);
                    List<Limit> ofPlayer = limits.computeIfAbsent(player.player().id(), id -> new ArrayList<>());
                    if (row.getString("kind") != null) {
                        ofPlayer.add(limit(row));
                    }
                    return player;
                }, (Object) ids.stream().map(UUID::toString).toArray(String[]::new));
        return () -> {
            read.rows();
            Map<UUID, PlayerAndLimits> answer = new HashMap<>();
            found.forEach((id, player) -> answer.put(id, new PlayerAndLimits(player, List.copyOf(limits.get(id)))));
            return answer;
        };
    }

    private static Limit limit(ResultSet row) throws SQLException {
        return new Limit(row.getString("kind"), row.getString("period"), row.getObject("amount_minor", Long.class),
                row.getObject("pending_amount_minor", Long.class), row.getBoolean("pending_removal"),
                Sql.instant(row, "pending_effective_at"));
    }

    /** Stores a limit row as the rules left it; a row with nothing in force and nothing pending is deleted. */
    public void saveLimit(UUID playerId, Limit limit, Instant now) {
        if (limit.amountMinor() == null && limit.pendingEffectiveAt() == null) {
            sql.update("DELETE FROM accounts.limits WHERE player_id = ? AND kind = ? AND period = ?", playerId,
                    limit.kind(), limit.period());
            return;
        }
        sql.update("""
                INSERT INTO accounts.limits (player_id, kind, period, amount_minor, pending_amount_minor, pending_removal,
                    pending_effective_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (player_id, kind, period) DO UPDATE SET amount_minor = EXCLUDED.amount_minor,
                    pending_amount_minor = EXCLUDED.pending_amount_minor, pending_removal = EXCLUDED.pending_removal,
                    pending_effective_at = EXCLUDED.pending_effective_at, updated_at = EXCLUDED.updated_at""",
                playerId, limit.kind(), limit.period(), limit.amountMinor(), limit.pendingAmountMinor(),
                limit.pendingRemoval(), limit.pendingEffectiveAt(), now);
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

    /** When the session of a token family began: its first token's issue. */
    public Instant sessionStartedAt(UUID familyId) {
        return sql.one("SELECT min(issued_at) FROM accounts.refresh_tokens WHERE family_id = ?",
                row -> Sql.instant(row, "min"), familyId).orElseThrow();
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
                Sql.instant(row, "last_login_at"), Sql.instant(row, "created_at"), Sql.instant(row, "timed_out_until"),
                Sql.instant(row, "excluded_until"), row.getBoolean("excluded_permanently"));
        return new StoredPlayer(player, row.getString("password_hash"), row.getInt("failed_logins"),
                Sql.instant(row, "locked_until"), row.getLong("version"), row.getString("person_digest"),
                row.getString("external_id"));
    }
}
