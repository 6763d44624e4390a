package io.cellbet.controlplane.feed.application;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.broker.BrokerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The adapter's own connection to the provider's broker (not the platform's: the provider's host, virtual host and
 * credentials). It binds a durable queue to the provider's exchange and hands each message to {@link FeedIngest},
 * acknowledging only after that transaction committed; a message that could not be stored (the database is away)
 * is returned to the queue and tried again after a pause. The first connection is retried until it succeeds; the
 * client's automatic recovery handles later outages.
 */
@ApplicationScoped
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    private final FeedProviderConfig config;
    private final BrokerConfig brokerConfig;
    private final FeedIngest ingest;
    private final Broker broker;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Connection connection;
    private volatile boolean running;

    public FeedConsumer(FeedProviderConfig config, BrokerConfig brokerConfig, FeedIngest ingest, Broker broker) {
        this.config = config;
        this.brokerConfig = brokerConfig;
        this.ingest = ingest;
        this.broker = broker;
    }

    void onStart(@Observes StartupEvent event) {
        // The outbox publishes normalised events there: the exchange must exist before the first one.
        broker.declareTopicExchange(Exchanges.PLATFORM_FEED);
        if (!config.enabled()) {
            LOG.info("feed adapter disabled (cellbet.feed.provider.enabled=false)");
            return;
        }
        running = true;
        Thread connector = new Thread(this::connectUntilConnected, "feed-connector");
        connector.setDaemon(true);
        connector.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        stopped.countDown();
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close(2_000);
            } catch (Exception e) {
                LOG.debugf("closing feed connection: %s", e.getMessage());
            }
        }
    }

    /** Whether the adapter is connected to the provider's broker. */
    public boolean connected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    private void connectUntilConnected() {
        String url = config.url().orElse(brokerConfig.url());
        while (running) {
            try {
                ConnectionFactory factory = new ConnectionFactory();
                factory.setUri(URI.create(url));
                factory.setAutomaticRecoveryEnabled(true);
                factory.setTopologyRecoveryEnabled(true);
                Connection opened = factory.newConnection("control-plane-feed");
                subscribe(opened);
                connection = opened;
                LOG.infof("feed adapter consuming %s from exchange %s", config.queue(), config.exchange());
                return;
            } catch (Exception e) {
                LOG.warnf("feed adapter cannot reach the provider's broker yet: %s", e.getMessage());
                try {
                    if (stopped.await(config.retryDelay().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
                    stopped.await(config.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                channel.basicNack(deliveryTag, false, true);
            }
        };
        channel.basicConsume(config.queue(), false, "control-plane-feed", deliver, tag -> { });
    }
}
