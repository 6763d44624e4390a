package io.cellbet.controlplane.config.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import io.cellbet.contracts.config.ConfigChanged;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versioned config store: every change takes the next global version, is kept with its
 * whole value, and is announced on {@code platform.config} through the outbox, all in the
 * caller's transaction.
 */
@ApplicationScoped
public class ConfigStore {

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
        broker.declare(connection -> {
            try (var channel = connection.createChannel()) {
                channel.exchangeDeclare(Exchanges.PLATFORM_CONFIG, BuiltinExchangeType.TOPIC, true);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new java.io.IOException(e);
            }
        });
    }

    void onStart(@Observes StartupEvent event) {
        committedVersion.set(currentVersion());
    }

    /** Records a change of {@code kind}/{@code key} to {@code value}; returns it with its version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConfigChanged record(String kind, String key, Object value) {
        // Locking the counter row serialises config writers: versions commit in order, no gaps.
        long version = sql.one("UPDATE config.version_counter SET version = version + 1 WHERE id = 1 RETURNING version",
                rs -> rs.getLong(1)).orElseThrow();
        JsonNode tree = json.valueToTree(value);
        // Microseconds: what PostgreSQL stores, so the message and the row agree exactly.
        ConfigChanged change = new ConfigChanged(version, kind, key, Instant.now().truncatedTo(ChronoUnit.MICROS), tree);
        outbox.append(new OutboxMessage(Exchanges.PLATFORM_CONFIG, Exchanges.configRoutingKey(kind, key), "config",
                "global", ConfigChanged.TYPE, ConfigChanged.SCHEMA_VERSION, change, null));
        sql.update("INSERT INTO config.change (version, kind, key, value, committed_at) VALUES (?, ?, ?, ?::jsonb, ?)",
                version, kind, key, text(tree), change.committedAt());
        committedVersion.accumulateAndGet(version, Math::max);
        return change;
    }

    public long currentVersion() {
        return sql.one("SELECT version FROM config.version_counter WHERE id = 1", rs -> rs.getLong(1)).orElseThrow();
    }

    /** The whole config as of {@code version}: the latest change per kind and key at or before it. */
    public ConfigSnapshot snapshot(long version) {
        List<ConfigChanged> entries = sql.list("""
                SELECT DISTINCT ON (kind, key) version, kind, key, value::text AS value, committed_at
                FROM config.change WHERE version <= ? ORDER BY kind, key, version DESC""", this::change, version);
        return new ConfigSnapshot(version, entries);
    }

    /** Changes after {@code afterVersion} in version order, at most {@code limit}. */
    public List<ConfigChanged> changes(long afterVersion, int limit) {
        return sql.list("""
                SELECT version, kind, key, value::text AS value, committed_at
                FROM config.change WHERE version > ? ORDER BY version LIMIT ?""",
                this::change, afterVersion, Math.min(limit, CHANGES_PAGE_MAX));
    }

    private ConfigChanged change(ResultSet rs) throws SQLException {
        try {
            return new ConfigChanged(rs.getLong("version"), rs.getString("kind"), rs.getString("key"),
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
