package io.cellbet.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every message on the broker carries: identity, type and schema version, where it
 * comes from, when it happened, the correlation id of the request that caused it, and the
 * payload. It is the whole AMQP message body (JSON), so a message can be read, stored and
 * replayed on its own; the same fields are also set as AMQP properties for tooling.
 */
public record Envelope(
        UUID id,
        String type,
        int schemaVersion,
        String source,
        Instant occurredAt,
        String correlationId,
        JsonNode payload) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be positive: " + schemaVersion);
        }
    }
}
