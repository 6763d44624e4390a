package io.cellbet.platform.messaging.outbox;

import java.util.Objects;

/**
 * A message to publish once the caller's transaction commits.
 *
 * @param exchange       broker exchange, such as {@code platform.config}
 * @param routingKey     routing key on that exchange
 * @param aggregateType  what the message is about (brand, cell); with the id it names the
 *                       stream whose order consumers can rely on
 * @param aggregateId    which one
 * @param type           message type, a past-tense event name such as {@code ConfigChanged}
 * @param schemaVersion  version of the payload's shape for that type
 * @param payload        the payload, serialised to JSON
 * @param correlationId  id of the request that caused it; {@code null} takes the message id
 */
public record OutboxMessage(
        String exchange,
        String routingKey,
        String aggregateType,
        String aggregateId,
        String type,
        int schemaVersion,
        Object payload,
        String correlationId) {

    public OutboxMessage {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be positive");
        }
    }
}
