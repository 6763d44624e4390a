package io.cellbet.platform.messaging.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.platform.id.TimeOrderedIds;
import io.cellbet.platform.messaging.Correlation;
import io.cellbet.platform.persistence.AfterCommit;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.platform.web.RequestCorrelation;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes messages into {@code messaging.outbox} inside the caller's transaction.
 *
 * <p>Messages carry the correlation id of the work that wrote them: the one given, else the
 * message being consumed on this thread, else the HTTP request being served.
 *
 * <p>This is the only way Cellbet code publishes: the message commits or rolls back with the
 * change it announces, and the {@link OutboxRelay} sends it afterwards. Never commit, then
 * send: a crash between the two loses the message.
 */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_REGISTERED = Outbox.class.getName() + ".wake";
    private static final String ROWS_APPENDED = Outbox.class.getName() + ".rows";

    private final Sql sql;
    private final ObjectMapper json;
    private final OutboxConfig config;
    private final OutboxRelay relay;
    private final AfterCommit afterCommit;
    private final Instance<RequestCorrelation> requestCorrelation;

    public Outbox(Sql sql, ObjectMapper json, OutboxConfig config, OutboxRelay relay,
            AfterCommit afterCommit, Instance<RequestCorrelation> requestCorrelation) {
        this.requestCorrelation = requestCorrelation;
        this.sql = sql;
        this.json = json;
        this.config = config;
        this.relay = relay;
        this.afterCommit = afterCommit;
    }

    /**
     * Appends a message to the current transaction. A writer that commits many changes at once appends one message that
     * lists them (as the ledger's and the bet writer's batches do), not one per change: each message costs a row
     * written, marked sent and purged, and a publish. The payload is written as JSON once, straight to the text the
     * row stores; the relay sends that text as the envelope's payload.
     *
     * <p>The rows are written when the transaction commits, all of its messages in one statement, in the order they
     * were appended (a bet writer's transaction appends two: its stakes' transfers and its bets). A row that cannot be
     * written rolls the transaction back, as any failed write in it would.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(OutboxMessage message) {
        // PostgreSQL keeps microseconds: truncate so the envelope equals what is stored.
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = TimeOrderedIds.next();
        String correlationId = message.correlationId() != null ? message.correlationId()
                : currentCorrelationId().orElse(id.toString());
        afterCommit.gatherBeforeCommit(ROWS_APPENDED, new Row(id, message, correlationId, occurredAt,
                payload(message)), this::write);
        afterCommit.once(WAKE_REGISTERED, relay::wake);
    }

    /**
     * Writes the messages appended so far in the current transaction now rather than just before its commit, in the
     * same round trip as the statements still waiting to be sent ({@link io.cellbet.platform.persistence.Sql#later}),
     * so that what those throw reaches the caller, not the commit. Messages appended after it are written at the commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeAppended() {
        write(afterCommit.takeGathered(ROWS_APPENDED));
    }

    /** A message as its row stores it. */
    private record Row(UUID id, OutboxMessage message, String correlationId, Instant occurredAt, String payload) {
    }

    /** Writes a transaction's messages, in the order they were appended (their ids, hence the relay's order). */
    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sql.update("""
                INSERT INTO messaging.outbox (message_id, exchange, routing_key, aggregate_type, aggregate_id, type,
                    schema_version, source, correlation_id, occurred_at, payload)
                SELECT m.id, m.exchange, m.routing_key, m.aggregate_type, m.aggregate_id, m.type, m.schema_version, ?,
                    m.correlation_id, m.occurred_at, m.payload::jsonb
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[],
                    ?::timestamptz[], ?::text[]) WITH ORDINALITY AS m(id, exchange, routing_key, aggregate_type,
                    aggregate_id, type, schema_version, correlation_id, occurred_at, payload, position)
                ORDER BY m.position""",
                config.source(), column(rows, row -> row.id().toString()),
                column(rows, row -> row.message().exchange()), column(rows, row -> row.message().routingKey()),
                column(rows, row -> row.message().aggregateType()), column(rows, row -> row.message().aggregateId()),
                column(rows, row -> row.message().type()),
                rows.stream().mapToInt(row -> row.message().schemaVersion()).toArray(),
                column(rows, Row::correlationId), column(rows, row -> row.occurredAt().toString()),
                column(rows, Row::payload));
    }

    private static String[] column(List<Row> rows, Function<Row, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /**
     * The correlation id new messages get when they name none: the message being consumed on
     * this thread, else the HTTP request being served. Work handed to another thread captures it
     * here first.
     */
    public Optional<String> currentCorrelationId() {
        return Correlation.current().or(this::requestCorrelation);
    }

    private String payload(OutboxMessage message) {
        try {
            return json.writeValueAsString(message.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload of " + message.type() + " is not serialisable", e);
        }
    }

    private Optional<String> requestCorrelation() {
        ManagedContext requests = Arc.container().requestContext();
        return requests.isActive() ? Optional.ofNullable(requestCorrelation.get().id()) : Optional.empty();
    }
}
