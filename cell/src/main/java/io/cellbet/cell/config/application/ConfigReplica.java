package io.cellbet.cell.config.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigSnapshot;
import io.cellbet.platform.persistence.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cell's persisted copy of the global configuration.
 *
 * <p>Changes are applied strictly in version order: version N+1 after N, anything at or
 * below the held version ignored, anything further ahead held back in {@code config.pending}
 * until the gap is filled (by a late delivery or a snapshot). Every apply locks the one
 * state row, so replicas consuming the shared queue and a snapshot in flight never interleave,
 * and the version never goes backwards.
 */
@ApplicationScoped
public class ConfigReplica {

    /** Most applied changes one {@link #applied} call returns. */
    public static final int APPLIED_PAGE_MAX = 1000;

    private final Sql sql;
    private final ObjectMapper json;
    private final BrandCatalog catalog;
    private final TransactionSynchronizationRegistry transactions;
    private final AtomicLong appliedVersion = new AtomicLong();

    public ConfigReplica(Sql sql, ObjectMapper json, BrandCatalog catalog,
            TransactionSynchronizationRegistry transactions, MeterRegistry metrics) {
        this.sql = sql;
        this.json = json;
        this.catalog = catalog;
        this.transactions = transactions;
        metrics.gauge("cellbet.config.version", appliedVersion);
    }

    void onStart(@Observes StartupEvent event) {
        appliedVersion.set(version());
    }

    /** The applied version. */
    public long version() {
        return sql.one("SELECT version FROM config.state WHERE id = 1", rs -> rs.getLong(1)).orElseThrow();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ApplyOutcome applyDelta(ConfigChanged change) {
        long held = lockVersion();
        if (change.version() <= held) {
            return ApplyOutcome.STALE;
        }
        if (change.version() > held + 1) {
            sql.update("INSERT INTO config.pending (version, change, received_at) VALUES (?, ?::jsonb, ?) "
                    + "ON CONFLICT (version) DO NOTHING", change.version(), text(change), Instant.now());
            return ApplyOutcome.GAP;
        }
        write(change, "delta");
        drainPending(change.version());
        return ApplyOutcome.APPLIED;
    }

    /** Applies a snapshot newer than the held version; returns false when it is not newer. */
    @Transactional
    public boolean applySnapshot(ConfigSnapshot snapshot) {
        long held = lockVersion();
        if (snapshot.version() <= held) {
            return false;
        }
        for (ConfigChanged entry : snapshot.entries()) {
            if (entry.version() > snapshot.version()) {
                throw new IllegalArgumentException("snapshot " + snapshot.version() + " holds a later entry "
                        + entry.version());
            }
            if (entry.version() > held) {
                writeEntry(entry, "snapshot");
            }
        }
        setVersion(snapshot.version());
        drainPending(snapshot.version());
        return true;
    }

    /** Whether changes are held back behind a gap (then a snapshot is due). */
    public boolean hasGap() {
        return sql.one("SELECT count(*) FROM config.pending", rs -> rs.getLong(1)).orElse(0L) > 0;
    }

    /** Versions applied after {@code afterVersion}, oldest first. */
    public List<AppliedChange> applied(long afterVersion, int limit) {
        return sql.list("""
                SELECT version, kind, key, committed_at, applied_at, via FROM config.applied
                WHERE version > ? ORDER BY version LIMIT ?""",
                rs -> new AppliedChange(rs.getLong("version"), rs.getString("kind"), rs.getString("key"),
                        Sql.instant(rs, "committed_at"), Sql.instant(rs, "applied_at"), rs.getString("via")),
                afterVersion, Math.min(limit, APPLIED_PAGE_MAX));
    }

    /** The value of one kind and key with the applied version it was read at. */
    public Optional<VersionedValue> find(String kind, String key) {
        return sql.one("""
                SELECT s.version AS state_version, e.value::text AS value
                FROM config.state s LEFT JOIN config.entry e ON e.kind = ? AND e.key = ?
                WHERE s.id = 1""",
                rs -> new VersionedValue(rs.getLong("state_version"), rs.getString("value")), kind, key);
    }

    /** Every value of a kind, ordered by key. */
    public List<String> values(String kind, int limit) {
        return sql.list("SELECT value::text FROM config.entry WHERE kind = ? ORDER BY key LIMIT ?",
                rs -> rs.getString(1), kind, limit);
    }

    /** A stored value as JSON text ({@code null} when absent) and the applied version it belongs to. */
    public record VersionedValue(long appliedVersion, String json) {
    }

    private void drainPending(long applied) {
        long held = applied;
        while (true) {
            long next = held + 1;
            Optional<String> pending = sql.one("SELECT change::text FROM config.pending WHERE version = ?",
                    rs -> rs.getString(1), next);
            if (pending.isEmpty()) {
                break;
            }
            write(parse(pending.get()), "delta");
            held = next;
        }
        sql.update("DELETE FROM config.pending WHERE version <= ?", held);
    }

    private void write(ConfigChanged change, String via) {
        writeEntry(change, via);
        setVersion(change.version());
    }

    private void writeEntry(ConfigChanged change, String via) {
        sql.update("""
                INSERT INTO config.entry (kind, key, version, committed_at, value) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (kind, key) DO UPDATE SET version = EXCLUDED.version, committed_at = EXCLUDED.committed_at,
                    value = EXCLUDED.value""",
                change.kind(), change.key(), change.version(), change.committedAt(), text(change.value()));
        sql.update("""
                INSERT INTO config.applied (version, kind, key, committed_at, applied_at, via)
                VALUES (?, ?, ?, ?, clock_timestamp(), ?) ON CONFLICT (version) DO NOTHING""",
                change.version(), change.kind(), change.key(), change.committedAt(), via);
    }

    private long lockVersion() {
        return sql.one("SELECT version FROM config.state WHERE id = 1 FOR UPDATE", rs -> rs.getLong(1)).orElseThrow();
    }

    private void setVersion(long version) {
        sql.update("UPDATE config.state SET version = ?, updated_at = now() WHERE id = 1", version);
        announceAfterCommit(version);
    }

    private void announceAfterCommit(long version) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    appliedVersion.accumulateAndGet(version, Math::max);
                    catalog.versionAnnounced(version);
                }
            }
        });
    }

    private ConfigChanged parse(String text) {
        try {
            return json.readValue(text, ConfigChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("held-back config change is not readable", e);
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
