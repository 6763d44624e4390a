package io.cellbet.cell.config.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigSnapshot;
import io.cellbet.platform.persistence.AfterCommit;
import io.cellbet.platform.persistence.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cell's persisted copy of the global configuration.
 *
 * <p>Versions count within one config store of the control plane. A change or snapshot of
 * another store (the control plane's history was replaced) is never compared by version: a
 * snapshot of the new store replaces everything the cell holds.
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
    private final Event<ConfigVersionAnnounced> announcements;
    private final AfterCommit afterCommit;
    private final AtomicLong appliedVersion = new AtomicLong();

    public ConfigReplica(Sql sql, ObjectMapper json, Event<ConfigVersionAnnounced> announcements,
            AfterCommit afterCommit, MeterRegistry metrics) {
        this.sql = sql;
        this.json = json;
        this.announcements = announcements;
        this.afterCommit = afterCommit;
        metrics.gauge("cellbet.config.version", appliedVersion);
    }

    void onStart(@Observes StartupEvent event) {
        appliedVersion.set(version());
    }

    /** The applied version. */
    public long version() {
        return state().version();
    }

    /** The config store and version this cell holds. */
    public State state() {
        return sql.one("SELECT store_id, version FROM config.state WHERE id = 1", ConfigReplica::state).orElseThrow();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ApplyOutcome applyDelta(ConfigChanged change) {
        State held = lockState();
        boolean firstEver = held.storeId() == null && held.version() == 0 && change.version() == 1;
        if (held.storeId() != null && !held.storeId().equals(change.storeId())) {
            return ApplyOutcome.OTHER_STORE;
        }
        if (change.version() <= held.version() && !firstEver) {
            return ApplyOutcome.STALE;
        }
        if (change.version() > held.version() + 1 || held.storeId() == null && !firstEver) {
            // Without a store yet only version 1 can start the history; anything else waits for a snapshot.
            sql.update("INSERT INTO config.pending (store_id, version, change, received_at) VALUES (?, ?, ?::jsonb, ?) "
                    + "ON CONFLICT (store_id, version) DO NOTHING", change.storeId(), change.version(), text(change),
                    Instant.now());
            return ApplyOutcome.GAP;
        }
        write(change, "delta");
        drainPending(change.storeId(), change.version());
        return ApplyOutcome.APPLIED;
    }

    /**
     * Applies a snapshot newer than the held version of the same store, or any snapshot of
     * another store (replacing everything held); returns false when it changed nothing.
     */
    @Transactional
    public boolean applySnapshot(ConfigSnapshot snapshot) {
        State held = lockState();
        boolean sameStore = snapshot.storeId().equals(held.storeId());
        if (sameStore && snapshot.version() <= held.version()) {
            return false;
        }
        if (!sameStore) {
            sql.update("DELETE FROM config.entry");
            sql.update("DELETE FROM config.pending WHERE store_id <> ?", snapshot.storeId());
        }
        for (ConfigChanged entry : snapshot.entries()) {
            if (entry.version() > snapshot.version() || !snapshot.storeId().equals(entry.storeId())) {
                throw new IllegalArgumentException("snapshot " + snapshot.version() + " holds a foreign entry "
                        + entry.storeId() + "/" + entry.version());
            }
            if (!sameStore || entry.version() > held.version()) {
                writeEntry(entry, "snapshot");
            }
        }
        setState(snapshot.storeId(), snapshot.version());
        drainPending(snapshot.storeId(), snapshot.version());
        return true;
    }

    /** Whether changes are held back behind a gap (then a snapshot is due). */
    public boolean hasGap() {
        return sql.one("SELECT count(*) FROM config.pending", rs -> rs.getLong(1)).orElse(0L) > 0;
    }

    /** Versions of the held store applied after {@code afterVersion}, oldest first. */
    public List<AppliedChange> applied(long afterVersion, int limit) {
        return sql.list("""
                SELECT store_id, version, kind, key, committed_at, applied_at, via FROM config.applied
                WHERE store_id = (SELECT store_id FROM config.state WHERE id = 1) AND version > ?
                ORDER BY version LIMIT ?""",
                rs -> new AppliedChange(rs.getObject("store_id", UUID.class), rs.getLong("version"),
                        rs.getString("kind"), rs.getString("key"),
                        Sql.instant(rs, "committed_at"), Sql.instant(rs, "applied_at"), rs.getString("via")),
                afterVersion, Math.min(limit, APPLIED_PAGE_MAX));
    }

    /** The value of one kind and key with the applied version it was read at. */
    public Optional<VersionedValue> find(String kind, String key) {
        return sql.one("""
                SELECT s.store_id, s.version AS state_version, e.value::text AS value
                FROM config.state s LEFT JOIN config.entry e ON e.kind = ? AND e.key = ?
                WHERE s.id = 1""",
                rs -> new VersionedValue(new State(rs.getObject("store_id", UUID.class), rs.getLong("state_version")),
                        rs.getString("value")), kind, key);
    }

    /** Every value of a kind, ordered by key. */
    public List<String> values(String kind, int limit) {
        return sql.list("SELECT value::text FROM config.entry WHERE kind = ? ORDER BY key LIMIT ?",
                rs -> rs.getString(1), kind, limit);
    }

    /** A stored value as JSON text ({@code null} when absent) and the applied state it was read at. */
    public record VersionedValue(State state, String json) {
    }

    /** The config store ({@code null} before the first sync) and version a cell holds. */
    public record State(UUID storeId, long version) {
    }

    private void drainPending(UUID storeId, long applied) {
        long held = applied;
        while (true) {
            long next = held + 1;
            Optional<String> pending = sql.one("SELECT change::text FROM config.pending WHERE store_id = ? AND version = ?",
                    rs -> rs.getString(1), storeId, next);
            if (pending.isEmpty()) {
                break;
            }
            write(parse(pending.get()), "delta");
            held = next;
        }
        sql.update("DELETE FROM config.pending WHERE store_id = ? AND version <= ?", storeId, held);
    }

    private void write(ConfigChanged change, String via) {
        writeEntry(change, via);
        setState(change.storeId(), change.version());
    }

    private void writeEntry(ConfigChanged change, String via) {
        sql.update("""
                INSERT INTO config.entry (kind, key, version, committed_at, value) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (kind, key) DO UPDATE SET version = EXCLUDED.version, committed_at = EXCLUDED.committed_at,
                    value = EXCLUDED.value""",
                change.kind(), change.key(), change.version(), change.committedAt(), text(change.value()));
        sql.update("""
                INSERT INTO config.applied (store_id, version, kind, key, committed_at, applied_at, via)
                VALUES (?, ?, ?, ?, ?, clock_timestamp(), ?) ON CONFLICT (store_id, version) DO NOTHING""",
                change.storeId(), change.version(), change.kind(), change.key(), change.committedAt(), via);
    }

    private State lockState() {
        return sql.one("SELECT store_id, version FROM config.state WHERE id = 1 FOR UPDATE", ConfigReplica::state)
                .orElseThrow();
    }

    private static State state(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new State(rs.getObject("store_id", UUID.class), rs.getLong("version"));
    }

    private void setState(UUID storeId, long version) {
        sql.update("UPDATE config.state SET store_id = ?, version = ?, updated_at = now() WHERE id = 1", storeId,
                version);
        announceAfterCommit(storeId, version);
    }

    private void announceAfterCommit(UUID storeId, long version) {
        afterCommit.run(() -> {
            appliedVersion.set(version);
            announcements.fire(new ConfigVersionAnnounced(storeId, version));
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
