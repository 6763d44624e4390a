package io.cellbet.cell.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import io.cellbet.contracts.config.ConfigChanged;
import java.time.Instant;
import java.util.UUID;

/** A config change as the control plane's outbox publishes it: its envelope and its message properties. */
public final class ConfigEnvelopes {

    private ConfigEnvelopes() {
    }

    /** The envelope of a {@code ConfigChanged} (or of any payload, to test what a cell does with it). */
    public static byte[] body(ObjectMapper json, UUID messageId, JsonNode payload) throws JsonProcessingException {
        ObjectNode envelope = json.createObjectNode()
                .put("id", messageId.toString())
                .put("type", ConfigChanged.TYPE)
                .put("schemaVersion", ConfigChanged.SCHEMA_VERSION)
                .put("source", "control-plane")
                .put("occurredAt", Instant.now().toString())
                .put("correlationId", messageId.toString());
        envelope.set("payload", payload);
        return json.writeValueAsBytes(envelope);
    }

    /** Persistent, with the message id the inbox deduplicates by. */
    public static AMQP.BasicProperties properties(UUID messageId) {
        return new AMQP.BasicProperties.Builder().messageId(messageId.toString()).deliveryMode(2).build();
    }
}
