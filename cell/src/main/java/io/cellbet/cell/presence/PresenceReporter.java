package io.cellbet.cell.presence;

import io.cellbet.cell.CellConfig;
import io.cellbet.cell.config.application.ConfigReplica;
import io.cellbet.contracts.cells.CellPresence;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Reports this cell to the control plane through the outbox: a {@code CellStarted} report on
 * start (its registration) and a {@code CellHeartbeat} every few seconds with the applied config
 * version. The cell never calls the control plane for this, so it starts without it.
 */
@ApplicationScoped
public class PresenceReporter {

    private final Outbox outbox;
    private final ConfigReplica replica;
    private final CellConfig cell;
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

    public PresenceReporter(Outbox outbox, ConfigReplica replica, CellConfig cell, Broker broker) {
        this.outbox = outbox;
        this.replica = replica;
        this.cell = cell;
        broker.declareTopicExchange(Exchanges.CELL_EVENTS);
    }

    void onStart(@Observes StartupEvent event) {
        report(CellPresence.STARTED, "started");
    }

    @Scheduled(every = "${cellbet.cell.heartbeat-interval:5s}", delayed = "${cellbet.cell.heartbeat-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        report(CellPresence.HEARTBEAT, "heartbeat");
    }

    private void report(String type, String event) {
        QuarkusTransaction.requiringNew().run(() -> {
            ConfigReplica.State config = replica.state();
            CellPresence presence = new CellPresence(cell.id(), cell.region(), cell.baseUrl(),
                    cell.brands().orElse(List.of()), config.storeId(), config.version(), startedAt,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS, Exchanges.cellEventRoutingKey(cell.id(), event),
                    "cell", cell.id(), type, CellPresence.SCHEMA_VERSION, presence, null));
        });
    }
}
