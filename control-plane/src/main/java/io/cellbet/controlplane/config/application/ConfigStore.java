package io.cellbet.controlplane.config.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.ConfigSnapshot;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.persistence.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versioned config store: every change takes the next global version, is kept with its
 * whole value, and is announced on {@code platform.config} through the outbox, all in the
 * caller's transaction.
 */
@ApplicationScoped
public class ConfigStore {

    private static final Logger LOG = Logger.getLogger(ConfigStore.class);

    /** Most changes one {@link #changes} call returns. */
    public static final int CHANGES_PAGE_MAX = 1000;

    private final Sql sql;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final AtomicLong committedVersion = new AtomicLong();

    public ConfigStore(Sql sql, Outbox outbox, ObjectMapper json, Broker broker, MeterRegistry metrics) {
        this.sql = sql;
        this.outbox = outbox;
        this.json = json;
        metrics.gauge("cellbet.config.version", committedVersion);
        broker.declareTopicExchange(Exchanges.PLATFORM_CONFIG);
    }

    void onStart(@Observes StartupEvent event) {
        committedVersion.set(currentVersion());
    }

    /** Records a change of {@code kind}/{@code key} to {@code value}; returns it with its version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConfigChanged record(String kind, String key, Object value) {
        // Locking the counter row serialises config writers: versions commit in order, no gaps.
        Head head = sql.one("""
                UPDATE config.version_counter SET version = version + 1 WHERE id = 1 RETURNING version, store_id""",
                rs -> new Head(rs.getObject("store_id", UUID.class), rs.getLong("version"))).orElseThrow();
        JsonNode tree = json.valueToTree(value);
        // Microseconds: what PostgreSQL stores, so the message and the row agree exactly.
        ConfigChanged change = new ConfigChanged(head.storeId(), head.version(), kind, key,
                Instant.now().truncatedTo(ChronoUnit.MICROS), tree);
        outbox.append(new OutboxMessage(Exchanges.PLATFORM_CONFIG, Exchanges.configRoutingKey(kind, key), "config",
                "global", ConfigChanged.TYPE, ConfigChanged.SCHEMA_VERSION, change, null));
        sql.update("INSERT INTO config.change (version, kind, key, value, committed_at) VALUES (?, ?, ?, ?::jsonb, ?)",
                head.version(), kind, key, text(tree), change.committedAt());
        committedVersion.accumulateAndGet(head.version(), Math::max);
        return change;
    }

    /**
     * Gives the store a new id and announces it as the next change. Cells holding the old id
     * then replace their whole config from a snapshot. Needed when cells are ahead of this
     * store, which happens only when its history was replaced (a database restored from backup):
     * the versions they hold no longer mean what this store means by them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConfigChanged renewStore(String reason) {
        sql.update("UPDATE config.version_counter SET store_id = gen_random_uuid() WHERE id = 1");
        ConfigChanged change = record(ConfigKinds.STORE, "epoch", Map.of("reason", reason));
        LOG.warnf("config store renewed as %s at version %d: %s", change.storeId(), change.version(), reason);
        return change;
    }

    /** The store id and the latest committed version. */
    public Head head() {
        return sql.one("SELECT version, store_id FROM config.version_counter WHERE id = 1",
                rs -> new Head(rs.getObject("store_id", UUID.class), rs.getLong("version"))).orElseThrow();
    }

    public long currentVersion() {
        return head().version();
    }

    /** Identity and position of the store's history. */
    public record Head(UUID storeId, long version) {
    }

    /** The whole config as of {@code version}: the latest change per kind and key at or before it. */
    public ConfigSnapshot snapshot(long version) {
        UUID storeId = head().storeId();
        List<ConfigChanged> entries = sql.list("""
                SELECT DISTINCT ON (kind, key) version, kind, key, value::text AS value, committed_at
                FROM config.change WHERE version <= ? ORDER BY kind, key, version DESC""",
                rs -> change(storeId, rs), version);
        return new ConfigSnapshot(storeId, version, entries);
    }

    /** Changes after {@code afterVersion} in version order, at most {@code limit}. */
    public List<ConfigChanged> changes(long afterVersion, int limit) {
        UUID storeId = head().storeId();
        return sql.list("""
                SELECT version, kind, key, value::text AS value, committed_at
                FROM config.change WHERE version > ? ORDER BY version LIMIT ?""",
                rs -> change(storeId, rs), afterVersion, Math.min(limit, CHANGES_PAGE_MAX));
    }

    private ConfigChanged change(UUID storeId, ResultSet rs) throws SQLException {
        try {
            return new ConfigChanged(storeId, rs.getLong("version"), rs.getString("kind"), rs.getString("key"),
                    Sql.instant(rs, "committed_at"), json.readTree(rs.getString("value")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config value is not JSON", e);
        }
    }

    private String text(JsonNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
