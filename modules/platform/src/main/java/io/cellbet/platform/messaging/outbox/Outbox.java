package io.cellbet.platform.messaging.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.platform.messaging.Correlation;
import io.cellbet.platform.messaging.Envelope;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    /** Appends a message to the current transaction; returns the envelope it will be sent in. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Envelope append(OutboxMessage message) {
        return appendAll(List.of(message)).get(0);
    }

    /**
     * Appends messages to the current transaction in one statement, in order; for writers that
     * commit many changes at once (the ledger's batches).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Envelope> appendAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        // PostgreSQL keeps microseconds: truncate so the envelope equals what is stored.
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String fallbackCorrelation = currentCorrelationId().orElse(null);
        int size = messages.size();
        List<Envelope> envelopes = new ArrayList<>(size);
        String[][] columns = new String[9][size];
        long[] schemaVersions = new long[size];
        for (int i = 0; i < size; i++) {
            OutboxMessage message = messages.get(i);
            UUID id = UUID.randomUUID();
            String correlationId = message.correlationId() != null ? message.correlationId()
                    : fallbackCorrelation != null ? fallbackCorrelation : id.toString();
            Envelope envelope = new Envelope(id, message.type(), message.schemaVersion(), config.source(), occurredAt,
                    correlationId, json.valueToTree(message.payload()));
            envelopes.add(envelope);
            String[] values = {id.toString(), message.exchange(), message.routingKey(), message.aggregateType(),
                message.aggregateId(), message.type(), correlationId, payload(message.type(), envelope), null};
            for (int column = 0; column < values.length; column++) {
                columns[column][i] = values[column];
            }
            schemaVersions[i] = message.schemaVersion();
        }
        sql.update("""
                INSERT INTO messaging.outbox (message_id, exchange, routing_key, aggregate_type, aggregate_id, type,
                    schema_version, source, correlation_id, occurred_at, payload)
                SELECT u.message_id, u.exchange, u.routing_key, u.aggregate_type, u.aggregate_id, u.type,
                    u.schema_version, ?, u.correlation_id, ?, u.payload
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[],
                    ?::jsonb[]) WITH ORDINALITY
                    AS u(message_id, exchange, routing_key, aggregate_type, aggregate_id, type, schema_version,
                         correlation_id, payload, n)
                ORDER BY u.n""",
                config.source(), occurredAt, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5],
                schemaVersions, columns[6], columns[7]);
        afterCommit.once(WAKE_REGISTERED, relay::wake);
        return envelopes;
    }

    /**
     * The correlation id new messages get when they name none: the message being consumed on
     * this thread, else the HTTP request being served. Work handed to another thread captures it
     * here first.
     */
    public Optional<String> currentCorrelationId() {
        return Correlation.current().or(this::requestCorrelation);
    }

    private String payload(String type, Envelope envelope) {
        try {
            return json.writeValueAsString(envelope.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload of " + type + " is not serialisable", e);
        }
    }

    private Optional<String> requestCorrelation() {
        ManagedContext requests = Arc.container().requestContext();
        return requests.isActive() ? Optional.ofNullable(requestCorrelation.get().id()) : Optional.empty();
    }
}
