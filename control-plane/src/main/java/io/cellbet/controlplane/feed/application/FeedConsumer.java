package io.cellbet.controlplane.feed.application;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.broker.BrokerConfig;
import io.cellbet.platform.messaging.broker.RetryingConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The adapter's own connection to the provider's broker (not the platform's: the provider's host, virtual host and
 * credentials). It binds a durable queue to the provider's exchange and hands each message to {@link FeedIngest},
 * acknowledging only after that transaction committed; a message that could not be stored (the database is away)
 * is returned to the queue and tried again after a pause. The connection is a {@link RetryingConnection}.
 */
@ApplicationScoped
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    private final FeedProviderConfig config;
    private final FeedIngest ingest;
    private final Broker broker;
    private final RetryingConnection connection;

    public FeedConsumer(FeedProviderConfig config, BrokerConfig brokerConfig, FeedIngest ingest, Broker broker) {
        this.config = config;
        this.ingest = ingest;
        this.broker = broker;
        this.connection = new RetryingConnection("control-plane-feed", config.url().orElse(brokerConfig.url()),
                brokerConfig.connectTimeout(), config.retryDelay());
    }

    void onStart(@Observes StartupEvent event) {
        // The outbox publishes normalised events there: the exchange must exist before the first one.
        broker.declareTopicExchange(Exchanges.PLATFORM_FEED);
        if (!config.enabled()) {
            LOG.info("feed adapter disabled (cellbet.feed.provider.enabled=false)");
            return;
        }
        connection.start(this::subscribe);
    }

    void onStop(@Observes ShutdownEvent event) {
        connection.stop();
    }

    /** Whether the adapter is connected to the provider's broker. */
    public boolean connected() {
        return connection.isOpen();
    }

    private void subscribe(Connection opened) throws Exception {
        Channel channel = opened.createChannel();
        channel.exchangeDeclare(config.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(config.queue(), true, false, false, null);
        for (String binding : config.bindings()) {
            channel.queueBind(config.queue(), config.exchange(), binding);
        }
        channel.basicQos(config.prefetch());
        DeliverCallback deliver = (tag, delivery) -> {
            long deliveryTag = delivery.getEnvelope().getDeliveryTag();
            try {
                ingest.ingest(delivery.getEnvelope().getRoutingKey(), delivery.getBody());
                channel.basicAck(deliveryTag, false);
            } catch (RuntimeException e) {
                LOG.warnf("feed message on %s not stored, returned to the queue: %s",
                        delivery.getEnvelope().getRoutingKey(), e.getMessage());
                try {
                    // Not handed back at once: the database is likely away, and an immediate redelivery would spin.
                    TimeUnit.MILLISECONDS.sleep(config.retryDelay().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                channel.basicNack(deliveryTag, false, true);
            }
        };
        channel.basicConsume(config.queue(), false, "control-plane-feed", deliver, tag -> { });
        LOG.infof("feed adapter consuming %s from exchange %s", config.queue(), config.exchange());
    }
}
