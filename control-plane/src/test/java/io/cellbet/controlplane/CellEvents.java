package io.cellbet.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.testsupport.infra.TestInfrastructure;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes events onto {@code platform.cell-events} as a cell's outbox would: an envelope with a message id,
 * routing key {@code cell.<cellId>.<event>}, persistent, confirmed by the broker before returning.
 */
public final class CellEvents implements AutoCloseable {

    private final ObjectMapper json;
    private final Connection connection;
    private final Channel channel;

    private CellEvents(ObjectMapper json, Connection connection, Channel channel) {
        this.json = json;
        this.connection = connection;
        this.channel = channel;
    }

    public static CellEvents open(ObjectMapper json) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestInfrastructure.broker().url());
        Connection connection = factory.newConnection("control-plane-test-cell-events");
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        return new CellEvents(json, connection, channel);
    }

    /** Publishes {@code payload} from {@code cellId} under a new message id; returns the id. */
    public UUID publish(String cellId, String event, String type, Object payload) throws Exception {
        UUID id = UUID.randomUUID();
        publish(id, cellId, event, type, payload);
        return id;
    }

    /** Publishes under {@code id}: the same id twice is what an outbox replay looks like. */
    public void publish(UUID id, String cellId, String event, String type, Object payload) throws Exception {
        ObjectNode envelope = json.createObjectNode()
                .put("id", id.toString())
                .put("type", type)
                .put("schemaVersion", 1)
                .put("source", cellId)
                .put("occurredAt", Instant.now().toString())
                .put("correlationId", id.toString());
        envelope.set("payload", json.valueToTree(payload));
        channel.basicPublish(Exchanges.CELL_EVENTS, Exchanges.cellEventRoutingKey(cellId, event),
                new AMQP.BasicProperties.Builder().messageId(id.toString()).deliveryMode(2).build(),
                json.writeValueAsBytes(envelope));
        channel.waitForConfirmsOrDie(5_000);
    }

    /**
     * Drops the messages waiting in {@code queue}, a queue of the test profile: bound to the broker's shared
     * {@code platform.cell-events}, it also keeps what other publishers on the same broker sent while no test ran (a
     * sandbox's or a benchmark's cells), and a test that waits for its own message behind them times out.
     */
    public void purge(String queue) throws Exception {
        channel.queuePurge(queue);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
