package io.cellbet.cell.config.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.cellbet.cell.CellConfig;
import io.cellbet.cell.config.application.ApplyOutcome;
import io.cellbet.cell.config.application.ConfigReplica;
import io.cellbet.cell.config.application.ConfigSync;
import io.cellbet.cell.config.application.ConfigVersionAnnounced;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.inbox.Inbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Receives config changes from {@code platform.config} two ways: the cell's durable queue
 * {@code cell.<id>.config}, shared by its replicas, applies each change once to the cell's
 * database; a queue of this replica's own, which dies with it, only tells the cache that a
 * version exists.
 */
@ApplicationScoped
public class ConfigListener {

    private static final Logger LOG = Logger.getLogger(ConfigListener.class);
    static final String CONSUMER = "cell.config";

    private final Inbox inbox;
    private final Broker broker;
    private final ConfigReplica replica;
    private final ConfigSync sync;
    private final Event<ConfigVersionAnnounced> announcements;
    private final CellConfig cell;
    private final ObjectMapper json;

    public ConfigListener(Inbox inbox, Broker broker, ConfigReplica replica, ConfigSync sync,
            Event<ConfigVersionAnnounced> announcements, CellConfig cell, ObjectMapper json) {
        this.inbox = inbox;
        this.broker = broker;
        this.replica = replica;
        this.sync = sync;
        this.announcements = announcements;
        this.cell = cell;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        String queue = Exchanges.cellConfigQueue(cell.id());
        inbox.subscribe(CONSUMER, queue, channel -> {
            channel.exchangeDeclare(Exchanges.PLATFORM_CONFIG, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(queue, true, false, false, broker.durableQueueArguments());
            channel.queueBind(queue, Exchanges.PLATFORM_CONFIG, "config.#");
        }, envelope -> {
            if (!ConfigChanged.TYPE.equals(envelope.type())) {
                return;
            }
            ConfigChanged change = json.treeToValue(envelope.payload(), ConfigChanged.class);
            ApplyOutcome outcome = replica.applyDelta(change);
            if (outcome == ApplyOutcome.GAP) {
                LOG.infof("config version %d arrived ahead of a gap; requesting a snapshot", change.version());
                sync.request();
            } else if (outcome == ApplyOutcome.OTHER_STORE) {
                LOG.warnf("config version %d belongs to store %s, not the one held; requesting a snapshot",
                        change.version(), change.storeId());
                sync.request();
            }
        });
        broker.declare(connection -> {
            Channel channel = connection.createChannel();
            String replicaQueue = channel.queueDeclare().getQueue();
            channel.queueBind(replicaQueue, Exchanges.PLATFORM_CONFIG, "config.#");
            channel.basicConsume(replicaQueue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope delivery, AMQP.BasicProperties properties,
                        byte[] body) throws IOException {
                    try {
                        ConfigChanged change = json.treeToValue(json.readTree(body).path("payload"), ConfigChanged.class);
                        announcements.fire(new ConfigVersionAnnounced(change.storeId(), change.version()));
                    } catch (IOException | RuntimeException e) {
                        LOG.warnf("unreadable config announcement: %s", e.getMessage());
                    }
                }
            });
        });
        // Snapshot once the durable queue exists (so nothing falls between the snapshot and the
        // first delta), and right away too, in case the broker is down and the control plane up.
        broker.declare(connection -> sync.request());
        sync.request();
    }
}
