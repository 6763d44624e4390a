package io.cellbet.sportsbook.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.Envelope;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.sportsbook.api.EventChanged;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every replica hears every catalog change of its cell, whichever replica applied it: a queue of its own (exclusive,
 * gone with the replica) bound to {@code cell.live} with {@code live.<cellId>}. Nothing is lost for good if this
 * queue misses a change (a broker reconnect): the next change reveals the gap in the event's sequence and the hub
 * sends its clients a fresh snapshot from the database.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    /** Changes the broker may push ahead of the hub. */
    static final int PREFETCH = 2_000;

    private final Broker broker;
    private final LiveHub hub;
    private final ObjectMapper json;
    private final String routingKey;

    public LiveFeed(Broker broker, LiveHub hub, ObjectMapper json, @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.broker = broker;
        this.hub = hub;
        this.json = json;
        this.routingKey = Exchanges.cellLiveRoutingKey(cellId);
    }

    void onStart(@Observes StartupEvent event) {
        broker.declare(connection -> {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(Exchanges.CELL_LIVE, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, Exchanges.CELL_LIVE, routingKey);
            channel.basicQos(PREFETCH);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, com.rabbitmq.client.Envelope delivery, AMQP.BasicProperties properties,
                        byte[] body) throws IOException {
                    accept(body);
                }
            });
            LOG.infof("pushing live changes of %s from %s", routingKey, queue);
        });
    }

    private void accept(byte[] body) {
        try {
            Envelope envelope = json.readValue(body, Envelope.class);
            if (!EventChanged.TYPE.equals(envelope.type())) {
                return;
            }
            hub.accept(json.treeToValue(envelope.payload(), EventChanged.class));
        } catch (IOException | RuntimeException e) {
            // One unreadable change must not stop the others; the event's next change resynchronises its clients.
            LOG.warnf(e, "live change not pushed");
        }
    }
}
