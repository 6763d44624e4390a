package io.cellbet.sportsbook.bets.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import io.cellbet.contracts.bets.BetStatusChanged;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes every status change of a player's bets to the player's open {@code /bets} websockets on any replica of the
 * cell: each replica hears its cell's {@link BetStatusChanged} events on a queue of its own (exclusive, gone with
 * the replica) bound to {@code platform.cell-events}. A frame missed during a broker reconnect is not resent: the
 * client reads its bets over REST after reconnecting.
 */
@ApplicationScoped
public class BetPushes {

    private static final Logger LOG = Logger.getLogger(BetPushes.class);

    private final Broker broker;
    private final ObjectMapper json;
    private final String routingKey;
    private final Map<UUID, Set<WebSocketConnection>> byPlayer = new ConcurrentHashMap<>();

    public BetPushes(Broker broker, ObjectMapper json, @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.broker = broker;
        this.json = json;
        this.routingKey = Exchanges.cellEventRoutingKey(cellId, "sportsbook." + BetStatusChanged.TYPE);
    }

    void onStart(@Observes StartupEvent event) {
        broker.declare(connection -> {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(Exchanges.CELL_EVENTS, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, Exchanges.CELL_EVENTS, routingKey);
            channel.basicQos(500);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, com.rabbitmq.client.Envelope delivery,
                        AMQP.BasicProperties properties, byte[] body) throws IOException {
                    accept(body);
                }
            });
        });
    }

    void register(UUID playerId, WebSocketConnection connection) {
        byPlayer.computeIfAbsent(playerId, id -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void unregister(UUID playerId, WebSocketConnection connection) {
        byPlayer.computeIfPresent(playerId, (id, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    private void accept(byte[] body) {
        try {
            JsonNode envelope = json.readTree(body);
            if (!BetStatusChanged.TYPE.equals(envelope.path("type").asText())) {
                return;
            }
            BetStatusChanged change = json.treeToValue(envelope.get("payload"), BetStatusChanged.class);
            Set<WebSocketConnection> connections = byPlayer.get(change.playerId());
            if (connections == null) {
                return;
            }
            String frame = json.writeValueAsString(Map.of("type", "bet", "betId", change.betId(), "status",
                    change.status(), "reason", change.reason() == null ? "" : change.reason(), "paidMinor",
                    change.paidMinor(), "at", change.at().toString()));
            for (WebSocketConnection connection : connections) {
                connection.sendText(frame).subscribe().with(done -> { }, failure -> { });
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "bet change not pushed");
        }
    }
}
