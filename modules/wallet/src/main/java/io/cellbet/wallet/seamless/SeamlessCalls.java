package io.cellbet.wallet.seamless;

import io.cellbet.platform.persistence.Sql;
import io.cellbet.wallet.api.SeamlessAttempt;
import io.cellbet.wallet.api.SeamlessCall;
import io.cellbet.wallet.api.SeamlessCallStatus;
import io.cellbet.wallet.api.SeamlessOperation;
import io.cellbet.wallet.api.SeamlessRejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The shadow ledger ({@code wallet.seamless_calls}, {@code wallet.seamless_attempts}). Every
 * state change is conditional on the state it leaves, so two replicas (or a sender and the
 * retrier) never both move one call. Times come from the database's clock, shared by replicas.
 */
@ApplicationScoped
class SeamlessCalls {

    private static final String COLUMNS = """
            transfer_id, seq, brand, player_id, operation, currency, amount_minor, type, reference,
            original_transfer_id, status, rejection, attempts, next_attempt_at, last_error, http_status,
            balance_minor, response::text AS response, created_at, updated_at, request_hash""";

    private final Sql sql;

    SeamlessCalls(Sql sql) {
        this.sql = sql;
    }

    /** A call and the hash of the request that created it. */
    record Stored(SeamlessCall call, byte[] requestHash) {
    }

    /** A call to record as pending and leased to its sender. */
    record NewCall(UUID transferId, String brand, String playerId, SeamlessOperation operation, String currency,
            long amountMinor, String type, String reference, UUID originalTransferId, byte[] requestHash) {
    }

    /**
     * Records the call as pending with its first attempt leased to the caller; empty when the
     * transfer id (or, for a rollback, the debit) already has a call.
     */
    Optional<Stored> insert(NewCall call, Duration lease) {
        return sql.one("""
                INSERT INTO wallet.seamless_calls (transfer_id, brand, player_id, operation, currency, amount_minor, type,
                    reference, original_transfer_id, request_hash, status, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 1, now() + make_interval(secs => ?::float8 / 1000))
                ON CONFLICT DO NOTHING
                RETURNING\s""" + COLUMNS,
                SeamlessCalls::stored,
                call.transferId(), call.brand(), call.playerId(), call.operation().code(), call.currency(),
                call.amountMinor(), call.type(), call.reference(), call.originalTransferId(), call.requestHash(),
                lease.toMillis());
    }

    Optional<Stored> find(UUID transferId) {
        return sql.one("SELECT " + COLUMNS + " FROM wallet.seamless_calls WHERE transfer_id = ?", SeamlessCalls::stored,
                transferId);
    }

    Optional<Stored> rollbackOf(UUID debitTransferId) {
        return sql.one("SELECT " + COLUMNS + " FROM wallet.seamless_calls WHERE original_transfer_id = ? AND operation = 'rollback'",
                SeamlessCalls::stored, debitTransferId);
    }

    /** A pending call answered OK; empty when it was no longer pending (another sender recorded it first). */
    Optional<SeamlessCall> acknowledge(UUID transferId, Integer httpStatus, Long balanceMinor, String response) {
        return sql.one("""
                UPDATE wallet.seamless_calls SET status = 'acknowledged', next_attempt_at = NULL, last_error = NULL,
                    http_status = ?, balance_minor = ?, response = ?::jsonb, updated_at = now()
                WHERE transfer_id = ? AND status = 'pending'
                RETURNING\s""" + COLUMNS,
                rs -> stored(rs).call(), httpStatus, balanceMinor, response, transferId);
    }

    /** A pending call refused by the brand (or given up by an operator); empty when no longer pending. */
    Optional<SeamlessCall> reject(UUID transferId, SeamlessRejection rejection, String error, Integer httpStatus,
            String response) {
        return sql.one("""
                UPDATE wallet.seamless_calls SET status = 'rejected', rejection = ?, next_attempt_at = NULL, last_error = ?,
                    http_status = ?, response = ?::jsonb, updated_at = now()
                WHERE transfer_id = ? AND status = 'pending'
                RETURNING\s""" + COLUMNS,
                rs -> stored(rs).call(), rejection.name(), error, httpStatus, response, transferId);
    }

    /** A pending debit whose answer was lost; empty when no longer pending. */
    Optional<SeamlessCall> markUnknown(UUID transferId, String error, Integer httpStatus, String response) {
        return sql.one("""
                UPDATE wallet.seamless_calls SET status = 'unknown', next_attempt_at = NULL, last_error = ?,
                    http_status = ?, response = ?::jsonb, updated_at = now()
                WHERE transfer_id = ? AND status = 'pending' AND operation = 'debit'
                RETURNING\s""" + COLUMNS,
                rs -> stored(rs).call(), error, httpStatus, response, transferId);
    }

    /** A debit undone by its acknowledged rollback. */
    void markRolledBack(UUID debitTransferId) {
        sql.update("""
                UPDATE wallet.seamless_calls SET status = 'rolled_back', updated_at = now()
                WHERE transfer_id = ? AND operation = 'debit' AND status IN ('unknown', 'acknowledged')""",
                debitTransferId);
    }

    /** A pending call to send again after {@code backoff}; returns when, empty when no longer pending. */
    Optional<Instant> retryLater(UUID transferId, Duration backoff, String error, Integer httpStatus, String response) {
        return sql.one("""
                UPDATE wallet.seamless_calls SET next_attempt_at = now() + make_interval(secs => ?::float8 / 1000),
                    last_error = ?, http_status = ?, response = ?::jsonb, updated_at = now()
                WHERE transfer_id = ? AND status = 'pending'
                RETURNING next_attempt_at""",
                rs -> Sql.instant(rs, "next_attempt_at"), backoff.toMillis(), error, httpStatus, response, transferId);
    }

    /** Puts a rejected credit or rollback back in line, to be sent at once. */
    boolean requeue(UUID transferId) {
        return sql.update("""
                UPDATE wallet.seamless_calls SET status = 'pending', rejection = NULL, next_attempt_at = now(),
                    updated_at = now()
                WHERE transfer_id = ? AND status = 'rejected' AND operation IN ('credit', 'rollback')""",
                transferId) == 1;
    }

    /**
     * Takes up to {@code limit} credits and rollbacks due for sending, leasing each to the caller
     * for {@code lease} and counting the attempt. Rows another replica holds are skipped.
     */
    List<SeamlessCall> claimDue(int limit, Duration lease) {
        return sql.list("""
                UPDATE wallet.seamless_calls SET attempts = attempts + 1,
                    next_attempt_at = now() + make_interval(secs => ?::float8 / 1000), updated_at = now()
                WHERE transfer_id IN (
                    SELECT transfer_id FROM wallet.seamless_calls
                    WHERE status = 'pending' AND operation IN ('credit', 'rollback') AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS,
                rs -> stored(rs).call(), lease.toMillis(), limit);
    }

    /** Debits still pending after their sender's lease ran out: the sender is gone. */
    List<SeamlessCall> abandonedDebits(int limit) {
        return sql.list("SELECT " + COLUMNS + """
                 FROM wallet.seamless_calls
                WHERE status = 'pending' AND operation = 'debit' AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                rs -> stored(rs).call(), limit);
    }

    void recordAttempt(UUID transferId, int attempt, Instant sentAt, long durationMs, String outcome,
            Integer httpStatus, String code, String error) {
        sql.update("""
                INSERT INTO wallet.seamless_attempts (transfer_id, attempt, sent_at, duration_ms, outcome, http_status, code, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                transferId, attempt, sentAt, Math.max(0, durationMs), outcome, httpStatus, code, error);
    }

    List<SeamlessAttempt> attempts(UUID transferId) {
        return sql.list("""
                SELECT transfer_id, attempt, sent_at, duration_ms, outcome, http_status, code, error
                FROM wallet.seamless_attempts WHERE transfer_id = ? ORDER BY id""",
                rs -> new SeamlessAttempt(rs.getObject("transfer_id", UUID.class), rs.getInt("attempt"),
                        Sql.instant(rs, "sent_at"), rs.getLong("duration_ms"), rs.getString("outcome"),
                        (Integer) rs.getObject("http_status"), rs.getString("code"), rs.getString("error")),
                transferId);
    }

    List<SeamlessCall> list(String brand, String playerId, SeamlessCallStatus status, Long beforeSeq, int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (brand != null) {
            where.append(" AND brand = ?");
            parameters.add(brand);
        }
        if (playerId != null) {
            where.append(" AND player_id = ?");
            parameters.add(playerId);
        }
        if (status != null) {
            where.append(" AND status = ?");
            parameters.add(status.code());
        }
        if (beforeSeq != null) {
            where.append(" AND seq < ?");
            parameters.add(beforeSeq);
        }
        parameters.add(limit);
        return sql.list("SELECT " + COLUMNS + " FROM wallet.seamless_calls" + where + " ORDER BY seq DESC LIMIT ?",
                rs -> stored(rs).call(), parameters.toArray());
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        String rejection = rs.getString("rejection");
        SeamlessCall call = new SeamlessCall(
                rs.getObject("transfer_id", UUID.class),
                rs.getLong("seq"),
                rs.getString("brand"),
                rs.getString("player_id"),
                SeamlessOperation.ofCode(rs.getString("operation")),
                rs.getString("currency"),
                rs.getLong("amount_minor"),
                rs.getString("type"),
                rs.getString("reference"),
                rs.getObject("original_transfer_id", UUID.class),
                SeamlessCallStatus.ofCode(rs.getString("status")),
                rejection == null ? null : SeamlessRejection.valueOf(rejection),
                rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                (Integer) rs.getObject("http_status"),
                (Long) rs.getObject("balance_minor"),
                rs.getString("response"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
        return new Stored(call, rs.getBytes("request_hash"));
    }
}
