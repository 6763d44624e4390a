package io.cellbet.wallet.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.wallet.api.Account;
import io.cellbet.wallet.api.AccountActivity;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.StatementLine;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferStatus;
import io.cellbet.wallet.domain.LedgerAccount;
import io.cellbet.wallet.domain.LedgerBatch;
import io.cellbet.wallet.domain.PostedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The ledger's tables in schema {@code wallet}. A batch is written with arrays ({@code unnest})
 * in one statement, so hundreds of transfers cost one round trip; every balance change of a
 * batch is one {@code UPDATE}, which the database's balance trigger checks as a whole.
 */
@ApplicationScoped
public class Ledger {

    private static final String TRANSFER_COLUMNS = """
            id, request_key, position, debit_account_id, credit_account_id, currency, amount_minor, type, reference,
            metadata::text AS metadata, status, expires_at, created_at, completed_at""";
    private static final String TRANSFER_COLUMNS_OF_T = Sql.qualified("t", TRANSFER_COLUMNS);
    private static final String ACCOUNT_COLUMNS = """
            id, brand, player_id, kind, currency, balance_minor, pending_debits_minor, version, created_at""";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    private static final HexFormat HEX = HexFormat.of();

    private final Sql sql;
    private final ObjectMapper json;

    public Ledger(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    // ---- accounts

    /** An account and whether this call opened it. */
    public record Opened(Account account, boolean created) {
    }

    /** Opens the account, or finds the one with the same owner, kind and currency. */
    public Opened open(String brand, String playerId, AccountKind kind, String currency) {
        String conflictTarget = playerId == null ? "(brand, kind, currency) WHERE player_id IS NULL"
                : "(brand, player_id, kind, currency) WHERE player_id IS NOT NULL";
        Optional<Account> created = sql.one("INSERT INTO wallet.accounts (brand, player_id, kind, currency) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT " + conflictTarget + " DO NOTHING RETURNING " + ACCOUNT_COLUMNS,
                Ledger::account, brand, playerId, kind.code(), currency);
        if (created.isPresent()) {
            return new Opened(created.get(), true);
        }
        return new Opened(sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM wallet.accounts "
                + "WHERE brand = ? AND player_id IS NOT DISTINCT FROM ? AND kind = ? AND currency = ?",
                Ledger::account, brand, playerId, kind.code(), currency).orElseThrow(), false);
    }

    public Optional<Account> account(long id) {
        return sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM wallet.accounts WHERE id = ?", Ledger::account, id);
    }

    public List<Account> playerAccounts(String brand, String playerId) {
        return sql.list("SELECT " + ACCOUNT_COLUMNS + " FROM wallet.accounts WHERE brand = ? AND player_id = ? "
                + "ORDER BY id", Ledger::account, brand, playerId);
    }

    public List<Account> houseAccounts(String brand) {
        return sql.list("SELECT " + ACCOUNT_COLUMNS + " FROM wallet.accounts WHERE brand = ? AND player_id IS NULL "
                + "ORDER BY id", Ledger::account, brand);
    }

    /**
     * Locks the accounts in id order (the one order every writer uses, so writers never deadlock).
     * {@code NO KEY UPDATE} is the lock an update of the balance takes anyway; unlike
     * {@code FOR UPDATE} it lets other transactions' foreign-key checks on these rows through.
     * The lock goes with the transaction's next statement (the batch's key lookup): the accounts
     * are read from the answer when asked for.
     *
     * <p>Found by {@code id = ANY(?)}, not by a join to {@code unnest(?)}: the join's generic plan hashes a scan of
     * the whole table whenever PostgreSQL costs that below one probe per id, which it does up to a few thousand
     * accounts (2,000 accounts, 17 locked: 1.06 ms against 0.10 ms, most of the ledger's read step). {@code ANY} is
     * an index condition, each id looked up once in the primary key, in id order.
     */
    public Supplier<Map<Long, LedgerAccount>> lockAccounts(long[] ids) {
        Sql.Later<LedgerAccount> locked = sql.later("SELECT a.id, a.player_id IS NOT NULL AS player_owned, "
                + "a.currency, a.balance_minor, a.pending_debits_minor, a.version FROM wallet.accounts a "
                + "WHERE a.id = ANY(?::bigint[]) ORDER BY a.id FOR NO KEY UPDATE OF a",
                row -> new LedgerAccount(row.getLong("id"), row.getBoolean("player_owned"), row.getString("currency"),
                        row.getLong("balance_minor"), row.getLong("pending_debits_minor"), row.getLong("version")),
                ids);
        return () -> {
            Map<Long, LedgerAccount> accounts = new LinkedHashMap<>();
            locked.rows().forEach(account -> accounts.put(account.id(), account));
            return accounts;
        };
    }

    // ---- transfers

    /** The rest of the caller's transaction runs on generic plans ({@link Sql#genericPlansInTransaction}). */
    public void genericPlansInTransaction() {
        sql.genericPlansInTransaction();
    }

    /** What each key was applied to, with the hash of that request. */
    public Map<String, LedgerBatch.PriorRequest> priorRequests(String[] keys) {
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        Map<String, List<Transfer>> transfers = new LinkedHashMap<>();
        // One index probe per key, whatever the table's statistics say: without statistics (a table
        // never analysed) "request_key = ANY(?)" or a plain join is planned as a scan of every
        // transfer. OFFSET 0 keeps the subquery a per-key probe instead of being merged into a join.
        sql.list("SELECT t.* FROM unnest(?::text[]) AS wanted(request_key) CROSS JOIN LATERAL (SELECT "
                + TRANSFER_COLUMNS + ", request_hash FROM wallet.transfers t WHERE t.request_key = wanted.request_key "
                + "OFFSET 0) t "
                + "ORDER BY t.request_key, t.position", row -> {
                    Transfer transfer = transfer(row);
                    hashes.put(transfer.requestKey(), row.getBytes("request_hash"));
                    transfers.computeIfAbsent(transfer.requestKey(), key -> new ArrayList<>()).add(transfer);
                    return transfer;
                }, (Object) keys);
        Map<String, LedgerBatch.PriorRequest> prior = new LinkedHashMap<>();
        transfers.forEach((key, list) -> prior.put(key, new LedgerBatch.PriorRequest(hashes.get(key), List.copyOf(list))));
        return prior;
    }

    /** Locks reservations (two-phase transfers) in id order. */
    public Map<UUID, Transfer> lockReservations(Collection<UUID> ids) {
        Map<UUID, Transfer> reservations = new LinkedHashMap<>();
        // Joined to the ids, not "id = ANY(?)": see OutboxRelay.relayBatch.
        sql.list("SELECT " + TRANSFER_COLUMNS_OF_T + " FROM unnest(?::uuid[]) AS wanted(id) JOIN wallet.transfers t "
                + "ON t.id = wanted.id WHERE t.two_phase ORDER BY t.id FOR UPDATE OF t", this::transfer,
                (Object) ids.stream().map(UUID::toString).toArray(String[]::new))
                .forEach(transfer -> reservations.put(transfer.id(), transfer));
        return reservations;
    }

    /**
     * Writes what a batch did in one statement, so in one round trip: the new transfers, how
     * reservations ended, the entries, and the final state of every changed account. The
     * database's balance trigger checks the accounts' update as a whole; counts that differ from
     * what was meant to be written fail the batch. The statement goes with the transaction's next one
     * (the batch's events, or the caller's own write) or just before its commit. The accounts are found by
     * {@code id = ANY(?)} as well as joined to their new state, for the reason {@link #lockAccounts} gives.
     */
    public void write(List<Transfer> created, Map<String, byte[]> hashByKey, Collection<Transfer> closed,
            List<PostedEntry> entries, List<LedgerAccount> changed) {
        if (created.isEmpty() && closed.isEmpty() && entries.isEmpty() && changed.isEmpty()) {
            return;
        }
        List<Transfer> ended = List.copyOf(closed);
        long[] changedIds = longs(changed, LedgerAccount::id);
        sql.later("""
                WITH new_transfers AS (
                    INSERT INTO wallet.transfers (id, request_key, position, request_hash, debit_account_id,
                        credit_account_id, currency, amount_minor, type, reference, metadata, two_phase, status,
                        expires_at, created_at, completed_at)
                    SELECT u.id, u.request_key, u.position, decode(u.hash, 'hex'), u.debit, u.credit, u.currency,
                        u.amount, u.type, u.reference, u.metadata, u.expires_at IS NOT NULL, u.status, u.expires_at,
                        u.created_at, u.completed_at
                    FROM unnest(?::uuid[], ?::text[], ?::smallint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],
                        ?::bigint[], ?::text[], ?::text[], ?::jsonb[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                        ?::timestamptz[])
                        AS u(id, request_key, position, hash, debit, credit, currency, amount, type, reference,
                             metadata, status, expires_at, created_at, completed_at)
                    RETURNING 1),
                ended AS (
                    UPDATE wallet.transfers t SET status = u.status, completed_at = u.completed_at
                    FROM unnest(?::uuid[], ?::text[], ?::timestamptz[]) AS u(id, status, completed_at)
                    WHERE t.id = u.id AND t.status = 'pending'
                    RETURNING 1),
                new_entries AS (
                    INSERT INTO wallet.entries (account_id, transfer_id, amount_minor, balance_after_minor, created_at)
                    SELECT * FROM unnest(?::bigint[], ?::uuid[], ?::bigint[], ?::bigint[], ?::timestamptz[])
                    RETURNING 1),
                saved AS (
                    UPDATE wallet.accounts a
                    SET balance_minor = u.balance, pending_debits_minor = u.pending, version = u.version
                    FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS u(id, balance, pending, version)
                    WHERE a.id = ANY(?::bigint[]) AND a.id = u.id
                    RETURNING 1)
                SELECT (SELECT count(*) FROM new_transfers), (SELECT count(*) FROM ended),
                    (SELECT count(*) FROM new_entries), (SELECT count(*) FROM saved)""",
                row -> checked(new long[] {row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)},
                        created.size(), ended.size(), entries.size(), changed.size()),
                texts(created, t -> t.id().toString()), texts(created, Transfer::requestKey),
                longs(created, Transfer::position), texts(created, t -> HEX.formatHex(hashByKey.get(t.requestKey()))),
                longs(created, Transfer::debitAccountId), longs(created, Transfer::creditAccountId),
                texts(created, Transfer::currency), longs(created, Transfer::amountMinor),
                texts(created, Transfer::type), texts(created, Transfer::reference),
                texts(created, t -> t.metadata().isEmpty() ? null : toJson(t.metadata())),
                texts(created, t -> t.status().code()), texts(created, t -> text(t.expiresAt())),
                texts(created, t -> text(t.createdAt())), texts(created, t -> text(t.completedAt())),
                texts(ended, t -> t.id().toString()), texts(ended, t -> t.status().code()),
                texts(ended, t -> text(t.completedAt())),
                longs(entries, PostedEntry::accountId), texts(entries, e -> e.transferId().toString()),
                longs(entries, PostedEntry::amountMinor), longs(entries, PostedEntry::balanceAfterMinor),
                texts(entries, e -> text(e.createdAt())),
                changedIds, longs(changed, LedgerAccount::balanceMinor),
                longs(changed, LedgerAccount::pendingDebitsMinor), longs(changed, LedgerAccount::version), changedIds);
    }

    /**
     * The counts a batch's write made, if they are what was meant: the writer holds the locks of every row it
     * updates, so any other count is a bug, and the batch must not commit.
     */
    private static long[] checked(long[] counts, long... meant) {
        if (!Arrays.equals(counts, meant)) {
            throw new IllegalStateException("batch wrote " + Arrays.toString(counts) + ", meant "
                    + meant[0] + " transfers, " + meant[1] + " closed reservations, " + meant[2] + " entries, "
                    + meant[3] + " accounts");
        }
        return counts;
    }

    public Optional<Transfer> transfer(UUID id) {
        return sql.one("SELECT " + TRANSFER_COLUMNS + " FROM wallet.transfers WHERE id = ?", this::transfer, id);
    }

    public List<Transfer> transfersOfRequest(String requestKey) {
        return sql.list("SELECT " + TRANSFER_COLUMNS + " FROM wallet.transfers WHERE request_key = ? ORDER BY position",
                this::transfer, requestKey);
    }

    /** Reservations whose expiry has passed, oldest first. */
    public List<UUID> expiredReservations(Instant now, int limit) {
        return sql.list("SELECT id FROM wallet.transfers WHERE status = 'pending' AND expires_at <= ? "
                + "ORDER BY expires_at LIMIT ?", row -> row.getObject("id", UUID.class), now, limit);
    }

    // ---- statements

    public List<StatementLine> statement(long accountId, Long beforeEntryId, int limit) {
        String sqlText = """
                SELECT e.id, e.transfer_id, t.type, t.reference, e.amount_minor, e.balance_after_minor, e.created_at
                FROM wallet.entries e JOIN wallet.transfers t ON t.id = e.transfer_id
                WHERE e.account_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?""";
        return sql.list(sqlText, row -> new StatementLine(row.getLong("id"), row.getObject("transfer_id", UUID.class),
                row.getString("type"), row.getString("reference"), row.getLong("amount_minor"),
                row.getLong("balance_after_minor"), Sql.instant(row, "created_at")),
                accountId, beforeEntryId == null ? Long.MAX_VALUE : beforeEntryId, limit);
    }

    // ---- activity

    /**
     * Sums by type of what moved through the account since {@code since}: posted transfers through
     * the statement's index (newest entries first, back to {@code since}), pending reservations
     * through the partial index of held reservations.
     */
    public AccountActivity activity(long accountId, Instant since) {
        Map<String, Long> debited = new LinkedHashMap<>();
        Map<String, Long> credited = new LinkedHashMap<>();
        sql.list("""
                SELECT t.type, sum(e.amount_minor) FILTER (WHERE e.amount_minor < 0) AS debited,
                       sum(e.amount_minor) FILTER (WHERE e.amount_minor > 0) AS credited
                FROM wallet.entries e JOIN wallet.transfers t ON t.id = e.transfer_id
                WHERE e.account_id = ? AND e.created_at >= ?
                GROUP BY t.type""", row -> {
                    long out = -row.getLong("debited");
                    long in = row.getLong("credited");
                    if (out > 0) {
                        debited.merge(row.getString("type"), out, Long::sum);
                    }
                    if (in > 0) {
                        credited.merge(row.getString("type"), in, Long::sum);
                    }
                    return Boolean.TRUE;
                }, accountId, since);
        sql.list("SELECT type, sum(amount_minor) AS held FROM wallet.transfers WHERE debit_account_id = ? "
                + "AND status = 'pending' AND created_at >= ? GROUP BY type", row -> {
                    debited.merge(row.getString("type"), row.getLong("held"), Long::sum);
                    return Boolean.TRUE;
                }, accountId, since);
        return new AccountActivity(accountId, since, Map.copyOf(debited), Map.copyOf(credited));
    }

    // ---- mapping

    static Account account(ResultSet row) throws SQLException {
        return new Account(row.getLong("id"), row.getString("brand"), row.getString("player_id"),
                AccountKind.fromCode(row.getString("kind")).orElseThrow(), row.getString("currency"),
                row.getLong("balance_minor"), row.getLong("pending_debits_minor"), row.getLong("version"),
                Sql.instant(row, "created_at"));
    }

    Transfer transfer(ResultSet row) throws SQLException {
        String metadata = row.getString("metadata");
        return new Transfer(row.getObject("id", UUID.class), row.getString("request_key"), row.getInt("position"),
                row.getLong("debit_account_id"), row.getLong("credit_account_id"), row.getString("currency"),
                row.getLong("amount_minor"), row.getString("type"), row.getString("reference"),
                metadata == null ? Map.of() : fromJson(metadata), TransferStatus.fromCode(row.getString("status")),
                Sql.instant(row, "expires_at"), Sql.instant(row, "created_at"), Sql.instant(row, "completed_at"));
    }

    private Map<String, String> fromJson(String metadata) {
        try {
            return json.readValue(metadata, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata is not a JSON object of strings", e);
        }
    }

    private String toJson(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not serialisable", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static <T> long[] longs(List<T> rows, ToLongFunction<T> value) {
        long[] values = new long[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsLong(rows.get(i));
        }
        return values;
    }

    private static <T> String[] texts(List<T> rows, Function<T, String> value) {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return values;
    }
}
