package io.cellbet.sportsbook.bets.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import io.cellbet.contracts.bets.BetStatusChanged;
import io.cellbet.contracts.bets.BetsChanged;
import io.cellbet.contracts.bets.BetsSettled;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes every status change of a player's bets to the player's open {@code /bets} websockets on any replica of the
 * cell: each replica hears its cell's {@link BetsChanged} and {@link BetsSettled} events on a queue of its own
 * (exclusive, gone with the replica) bound to {@code platform.cell-events}. A frame missed during a broker reconnect
 * is not resent: the client reads its bets over REST after reconnecting.
 */
@ApplicationScoped
public class BetPushes {

    private static final Logger LOG = Logger.getLogger(BetPushes.class);

    private final Broker broker;
    private final ObjectMapper json;
    private final String routingKey;
    private final String settledRoutingKey;
    private final Map<UUID, Set<WebSocketConnection>> byPlayer = new ConcurrentHashMap<>();

    public BetPushes(Broker broker, ObjectMapper json, @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.broker = broker;
        this.json = json;
        this.routingKey = Exchanges.cellEventRoutingKey(cellId, "sportsbook." + BetsChanged.TYPE);
        this.settledRoutingKey = Exchanges.cellEventRoutingKey(cellId, "sportsbook." + BetsSettled.TYPE);
    }

    void onStart(@Observes StartupEvent event) {
        broker.declare(connection -> {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(Exchanges.CELL_EVENTS, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, Exchanges.CELL_EVENTS, routingKey);
            channel.queueBind(queue, Exchanges.CELL_EVENTS, settledRoutingKey);
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

    private void push(UUID playerId, UUID betId, String status, String reason, long paidMinor, Instant at)
            throws IOException {
        Set<WebSocketConnection> connections = byPlayer.get(playerId);
        if (connections == null) {
            return;
        }
        String frame = json.writeValueAsString(Map.of("type", "bet", "betId", betId, "status", status, "reason",
                reason == null ? "" : reason, "paidMinor", paidMinor, "at", at.toString()));
        for (WebSocketConnection connection : connections) {
            connection.sendText(frame).subscribe().with(done -> { }, failure -> { });
        }
    }

    private void accept(byte[] body) {
        if (byPlayer.isEmpty()) {
            return; // no player has a socket open on this replica: nothing to push, nothing to read
        }
        try {
            JsonNode envelope = json.readTree(body);
            String type = envelope.path("type").asText();
            if (BetsChanged.TYPE.equals(type)) {
                BetsChanged batch = json.treeToValue(envelope.get("payload"), BetsChanged.class);
                for (BetStatusChanged change : batch.bets()) {
                    push(change.playerId(), change.betId(), change.status(), change.reason(), change.paidMinor(),
                            change.at());
                }
            } else if (BetsSettled.TYPE.equals(type)) {
                BetsSettled batch = json.treeToValue(envelope.get("payload"), BetsSettled.class);
                for (BetsSettled.Settled bet : batch.bets()) {
                    push(bet.playerId(), bet.betId(), bet.status(), null, bet.paidMinor(), batch.at());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "bet change not pushed");
        }
    }
}
