package io.cellbet.controlplane.cells.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import io.cellbet.contracts.cells.CellPresence;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.ControlPlaneConfig;
import io.cellbet.controlplane.config.application.ConfigStore;
import io.cellbet.platform.messaging.Envelope;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.inbox.Inbox;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The registry of cells, built from what cells report on {@code platform.cell-events}: a
 * cell registers by its start report and stays up while its heartbeats keep coming. A cell
 * reporting a config version this store has not reached shows that the store's history was
 * replaced; the store then renews itself so every cell resynchronises.
 */
@ApplicationScoped
public class CellRegistry {

    static final String CONSUMER = "control-plane.cell-registry";

    private final Sql sql;
    private final Inbox inbox;
    private final Broker broker;
    private final ObjectMapper json;
    private final ControlPlaneConfig config;
    private final ConfigStore configStore;

    public CellRegistry(Sql sql, Inbox inbox, Broker broker, ObjectMapper json, ControlPlaneConfig config,
            ConfigStore configStore) {
        this.configStore = configStore;
        this.sql = sql;
        this.inbox = inbox;
        this.broker = broker;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        inbox.subscribe(CONSUMER, Exchanges.CONTROL_PLANE_CELL_EVENTS_QUEUE, channel -> {
            channel.exchangeDeclare(Exchanges.CELL_EVENTS, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(Exchanges.CONTROL_PLANE_CELL_EVENTS_QUEUE, true, false, false,
                    broker.durableQueueArguments());
            // Presence only: the cells' other events (every ledger transfer, for one) are not the
            // registry's business, and at peak they would be thousands a second through its inbox.
            channel.queueBind(Exchanges.CONTROL_PLANE_CELL_EVENTS_QUEUE, Exchanges.CELL_EVENTS, "cell.*.started");
            channel.queueBind(Exchanges.CONTROL_PLANE_CELL_EVENTS_QUEUE, Exchanges.CELL_EVENTS, "cell.*.heartbeat");
        }, this::apply);
    }

    void apply(Envelope envelope) throws JsonProcessingException {
        if (!CellPresence.STARTED.equals(envelope.type()) && !CellPresence.HEARTBEAT.equals(envelope.type())) {
            return;
        }
        CellPresence report = json.treeToValue(envelope.payload(), CellPresence.class);
        // Reports can arrive late or twice (outbox replays after a broker outage): only a newer
        // report than the one held changes the row.
        sql.update("""
                INSERT INTO cells.cell (id, region, base_url, brands, applied_config_version, started_at, last_seen_at,
                    registered_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET region = EXCLUDED.region, base_url = EXCLUDED.base_url,
                    brands = EXCLUDED.brands, applied_config_version = EXCLUDED.applied_config_version,
                    started_at = EXCLUDED.started_at, last_seen_at = EXCLUDED.last_seen_at
                WHERE cells.cell.last_seen_at <= EXCLUDED.last_seen_at""",
                report.cellId(), report.region(), report.baseUrl(), json.writeValueAsString(
                        report.brands() == null ? List.of() : report.brands()),
                report.appliedConfigVersion(), report.startedAt(), report.reportedAt());
        ConfigStore.Head head = configStore.head();
        if (head.storeId().equals(report.configStoreId()) && report.appliedConfigVersion() > head.version()) {
            configStore.renewStore("cell " + report.cellId() + " holds version " + report.appliedConfigVersion()
                    + " of this store, which is only at " + head.version() + ": its history was replaced");
        }
    }

    public List<Cell> list() {
        return sql.list("SELECT * FROM cells.cell ORDER BY id", this::cell);
    }

    public Optional<Cell> find(String id) {
        return sql.one("SELECT * FROM cells.cell WHERE id = ?", this::cell, id);
    }

    private Cell cell(ResultSet rs) throws SQLException {
        Instant lastSeen = Sql.instant(rs, "last_seen_at");
        boolean up = lastSeen.isAfter(Instant.now().minus(config.cellDownAfter()));
        try {
            return new Cell(rs.getString("id"), rs.getString("region"), rs.getString("base_url"),
                    json.readValue(rs.getString("brands"), new TypeReference<List<String>>() { }),
                    up ? "up" : "down", rs.getLong("applied_config_version"), Sql.instant(rs, "started_at"),
                    lastSeen, Sql.instant(rs, "registered_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored brands are not JSON", e);
        }
    }
}
