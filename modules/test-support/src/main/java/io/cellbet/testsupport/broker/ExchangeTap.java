package io.cellbet.testsupport.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A test's view of a topic exchange on the real broker: a queue of its own (server-named, gone with the
 * connection) bound with the given routing-key patterns, each message handed to the test as it arrives; the same
 * channel publishes. Declares the exchange (durable topic) if it is not there yet.
 */
public final class ExchangeTap implements AutoCloseable {

    /** One message as it arrived. */
    public record Message(String routingKey, byte[] body) {
    }

    private final Connection connection;
    private final Channel channel;
    private final String exchange;

    private ExchangeTap(Connection connection, Channel channel, String exchange) {
        this.connection = connection;
        this.channel = channel;
        this.exchange = exchange;
    }

    public static ExchangeTap open(String brokerUrl, String exchange, List<String> bindings,
            Consumer<Message> onMessage) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(brokerUrl);
            Connection connection = factory.newConnection("test-tap-" + exchange);
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            for (String binding : bindings) {
                channel.queueBind(queue, exchange, binding);
            }
            channel.basicConsume(queue, true, (tag, delivery) -> onMessage.accept(
                    new Message(delivery.getEnvelope().getRoutingKey(), delivery.getBody())), tag -> { });
            return new ExchangeTap(connection, channel, exchange);
        } catch (TimeoutException | URISyntaxException | GeneralSecurityException e) {
            throw new IOException("cannot open a tap on " + exchange + ": " + e.getMessage(), e);
        }
    }

    /** Publishes a body to the tapped exchange. */
    public void publish(String routingKey, byte[] body) throws IOException {
        channel.basicPublish(exchange, routingKey, null, body);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
