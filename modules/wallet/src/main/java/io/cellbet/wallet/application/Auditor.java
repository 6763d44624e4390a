package io.cellbet.wallet.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.wallet.api.AuditReport;
import io.cellbet.wallet.config.LedgerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Proves the cell's ledger consistent, online: every check reads one snapshot (a repeatable-read,
 * read-only transaction), so transfers committing meanwhile neither hide nor fake a finding.
 *
 * <p>Checks: each currency sums to zero; each balance equals the sum of its entries; each
 * account's reserved amount equals its pending reservations; each posted transfer has a debit
 * and a credit entry that cancel out; no key was applied to two requests; no player account is
 * negative; no reservation is held longer than {@code expiry-grace} past its expiry. Results are
 * kept in {@code wallet.audits} and exported as metrics.
 */
@ApplicationScoped
public class Auditor {

    private static final Logger LOG = Logger.getLogger(Auditor.class);
    /**
     * Longest an audit's snapshot transaction may run: it reads the whole ledger, and a cell with millions of transfers
     * takes longer than the transaction manager's default minute.
     */
    private static final Duration AUDIT_TIMEOUT = Duration.ofMinutes(30);

    private final Sql sql;
    private final ObjectMapper json;
    private final LedgerConfig config;
    private final AtomicReference<AuditReport> last = new AtomicReference<>();

    public Auditor(Sql sql, ObjectMapper json, LedgerConfig config, MeterRegistry metrics) {
        this.sql = sql;
        this.json = json;
        this.config = config;
        Gauge.builder("cellbet.wallet.audit.findings", last, ref -> ref.get() == null ? 0 : ref.get().findings().size())
                .description("Findings of the last ledger audit (0 = consistent)").register(metrics);
        Gauge.builder("cellbet.wallet.audit.passed", last, ref -> ref.get() == null ? -1 : ref.get().passed() ? 1 : 0)
                .description("1 if the last ledger audit passed, 0 if it failed, -1 before the first").register(metrics);
        Gauge.builder("cellbet.wallet.audit.age.seconds", last,
                ref -> ref.get() == null ? -1 : Instant.now().getEpochSecond() - ref.get().finishedAt().getEpochSecond())
                .description("Seconds since the last ledger audit finished").register(metrics);
    }

    @Scheduled(every = "${cellbet.wallet.ledger.audit-interval:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        AuditReport report = audit();
        if (!report.passed()) {
            LOG.errorf("ledger audit FAILED with %d findings: %s", report.findings().size(), report.findings());
        }
    }

    /** Runs every check now and records the result. */
    public AuditReport audit() {
        Instant startedAt = Instant.now();
        AuditReport report = QuarkusTransaction.requiringNew().timeout((int) AUDIT_TIMEOUT.toSeconds()).call(() -> {
            sql.update("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // One core: a parallel plan of the audit's scans took both of a 2-core database's cores and finished no
            // sooner (ops/README, bets, "twentieth session"); the other core stays with placements and settlement.
            sql.update("SET LOCAL max_parallel_workers_per_gather = 0");
            return check(startedAt);
        });
        QuarkusTransaction.requiringNew().run(() -> sql.update(
                "INSERT INTO wallet.audits (started_at, finished_at, passed, findings) VALUES (?, ?, ?, ?::jsonb)",
                report.startedAt(), report.finishedAt(), report.passed(), toJson(report.findings())));
        last.set(report);
        return report;
    }

    /** The last audit this replica ran, else the last one recorded by any replica. */
    public Optional<AuditReport> lastReport() {
        AuditReport report = last.get();
        if (report != null) {
            return Optional.of(report);
        }
        return sql.one("SELECT started_at, finished_at, passed, findings::text AS findings FROM wallet.audits "
                + "ORDER BY id DESC LIMIT 1", row -> new AuditReport(row.getBoolean("passed"),
                        Sql.instant(row, "started_at"), Sql.instant(row, "finished_at"), -1, -1,
                        fromJson(row.getString("findings"))));
    }

    private AuditReport check(Instant startedAt) {
        int max = config.auditFindingsMax();
        List<AuditReport.Finding> findings = new ArrayList<>();
        findings.addAll(sql.list("""
                SELECT currency, sum(balance_minor) AS total FROM wallet.accounts GROUP BY currency
                HAVING sum(balance_minor) <> 0 ORDER BY currency LIMIT ?""",
                row -> finding(AuditReport.CURRENCY_NOT_BALANCED, "balances of " + row.getString("currency")
                        + " sum to " + row.getLong("total")), max));
        findings.addAll(sql.list("""
                SELECT a.id, a.balance_minor, coalesce(e.total, 0) AS entered
                FROM wallet.accounts a
                LEFT JOIN (SELECT account_id, sum(amount_minor) AS total FROM wallet.entries GROUP BY account_id) e
                    ON e.account_id = a.id
                WHERE a.balance_minor <> coalesce(e.total, 0) ORDER BY a.id LIMIT ?""",
                row -> finding(AuditReport.BALANCE_NOT_ENTRIES, "account " + row.getLong("id") + " balance "
                        + row.getLong("balance_minor") + " but entries sum to " + row.getLong("entered")), max));
        findings.addAll(sql.list("""
                SELECT a.id, a.pending_debits_minor, coalesce(r.total, 0) AS reserved
                FROM wallet.accounts a
                LEFT JOIN (SELECT debit_account_id, sum(amount_minor) AS total FROM wallet.transfers
                           WHERE status = 'pending' GROUP BY debit_account_id) r ON r.debit_account_id = a.id
                WHERE a.pending_debits_minor <> coalesce(r.total, 0) ORDER BY a.id LIMIT ?""",
                row -> finding(AuditReport.PENDING_NOT_RESERVATIONS, "account " + row.getLong("id") + " holds "
                        + row.getLong("pending_debits_minor") + " but its reservations sum to "
                        + row.getLong("reserved")), max));
        findings.addAll(sql.list("""
                SELECT t.id, count(e.id) AS lines, coalesce(sum(e.amount_minor), 0) AS total,
                    count(*) FILTER (WHERE e.account_id = t.debit_account_id AND e.amount_minor = -t.amount_minor)
                        AS debits,
                    count(*) FILTER (WHERE e.account_id = t.credit_account_id AND e.amount_minor = t.amount_minor)
                        AS credits
                FROM wallet.transfers t LEFT JOIN wallet.entries e ON e.transfer_id = t.id
                GROUP BY t.id, t.status
                HAVING (t.status = 'posted') <> (count(e.id) > 0)
                    OR (t.status = 'posted' AND (count(e.id) <> 2 OR coalesce(sum(e.amount_minor), 0) <> 0
                        OR count(*) FILTER (WHERE e.account_id = t.debit_account_id
                            AND e.amount_minor = -t.amount_minor) <> 1
                        OR count(*) FILTER (WHERE e.account_id = t.credit_account_id
                            AND e.amount_minor = t.amount_minor) <> 1))
                LIMIT ?""",
                row -> finding(AuditReport.TRANSFER_NOT_ENTERED, "transfer " + row.getString("id") + " has "
                        + row.getLong("lines") + " entries summing to " + row.getLong("total")), max));
        findings.addAll(sql.list("""
                SELECT e.id, concat_ws(', and ',
                    CASE WHEN t.id IS NULL THEN 'transfer ' || e.transfer_id || ', which does not exist' END,
                    CASE WHEN a.id IS NULL THEN 'account ' || e.account_id || ', which does not exist' END) AS missing
                FROM wallet.entries e
                LEFT JOIN wallet.transfers t ON t.id = e.transfer_id
                LEFT JOIN wallet.accounts a ON a.id = e.account_id
                WHERE t.id IS NULL OR a.id IS NULL ORDER BY e.id LIMIT ?""",
                row -> finding(AuditReport.ENTRY_ORPHANED, "entry " + row.getLong("id") + " names "
                        + row.getString("missing")), max));
        findings.addAll(sql.list("""
                SELECT request_key, count(*) AS transfers, count(DISTINCT request_hash) AS hashes,
                    max(position) AS last_position
                FROM wallet.transfers GROUP BY request_key
                HAVING count(DISTINCT request_hash) > 1 OR count(*) <> max(position) + 1 LIMIT ?""",
                row -> finding(AuditReport.KEY_APPLIED_TWICE, "key " + row.getString("request_key") + " has "
                        + row.getLong("transfers") + " transfers from " + row.getLong("hashes") + " requests"), max));
        findings.addAll(sql.list("""
                SELECT id, balance_minor, pending_debits_minor FROM wallet.accounts
                WHERE player_id IS NOT NULL AND balance_minor - pending_debits_minor < 0 ORDER BY id LIMIT ?""",
                row -> finding(AuditReport.PLAYER_NEGATIVE, "player account " + row.getLong("id") + " balance "
                        + row.getLong("balance_minor") + ", reserved " + row.getLong("pending_debits_minor")), max));
        findings.addAll(sql.list("""
                SELECT id, expires_at FROM wallet.transfers
                WHERE status = 'pending' AND expires_at < now() - make_interval(secs => ?) ORDER BY expires_at LIMIT ?""",
                row -> finding(AuditReport.EXPIRED_RESERVATION_HELD, "reservation " + row.getString("id")
                        + " expired at " + Sql.instant(row, "expires_at")),
                (double) config.expiryGrace().toMillis() / 1000, max));
        long accounts = sql.one("SELECT count(*) FROM wallet.accounts", row -> row.getLong(1)).orElse(0L);
        long transfers = sql.one("SELECT count(*) FROM wallet.transfers", row -> row.getLong(1)).orElse(0L);
        return new AuditReport(findings.isEmpty(), startedAt, Instant.now(), accounts, transfers, List.copyOf(findings));
    }

    private static AuditReport.Finding finding(String check, String detail) {
        return new AuditReport.Finding(check, detail);
    }

    private String toJson(List<AuditReport.Finding> findings) {
        try {
            return json.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AuditReport.Finding> fromJson(String findings) {
        try {
            return List.of(json.readValue(findings, AuditReport.Finding[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
