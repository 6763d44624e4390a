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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The adapter's own connection to the provider's broker (not the platform's: the provider's host, virtual host and
 * credentials). It binds a durable queue to the provider's exchange and hands each message to {@link FeedIngest},
 * acknowledging only after that transaction committed; messages waiting together share one transaction. A message
 * that could not be stored (the database is away) is returned to the queue and tried again after a pause. The connection is a {@link RetryingConnection}.
 */
@ApplicationScoped
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);
    /** Most messages stored in one transaction. */
    static final int BATCH_MAX = 100;

    private final FeedProviderConfig config;
    private final FeedIngest ingest;
    private final Broker broker;
    private final RetryingConnection connection;
    /** Delivered and not yet stored; never more than the prefetch, which bounds what the broker hands out. */
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread worker;

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
        worker = new Thread(this::ingestWaiting, "feed-ingest");
        worker.setDaemon(true);
        worker.start();
        connection.start(this::subscribe);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
        connection.stop();
    }

    /**
     * Takes what is waiting, up to {@link #BATCH_MAX} messages, into one transaction; acknowledges them after it
     * committed. When the batch fails, each message is tried alone, so one that cannot be stored is handed back to
     * the queue (after a pause: the database is likely away) without holding back the others.
     */
    private void ingestWaiting() {
        List<Pending> batch = new ArrayList<>(BATCH_MAX);
        while (running) {
            try {
                Pending first = waiting.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                waiting.drainTo(batch, BATCH_MAX - 1);
                List<FeedIngest.Received> received = new ArrayList<>(batch.size());
                for (Pending pending : batch) {
                    received.add(new FeedIngest.Received(pending.routingKey(), pending.body()));
                }
                try {
                    ingest.ingestAll(received);
                    batch.forEach(pending -> settle(pending, true));
                } catch (RuntimeException batchFailed) {
                    for (Pending pending : batch) {
                        ingestAlone(pending);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void ingestAlone(Pending pending) throws InterruptedException {
        try {
            ingest.ingest(pending.routingKey(), pending.body());
            settle(pending, true);
        } catch (RuntimeException e) {
            LOG.warnf("feed message on %s not stored, returned to the queue: %s", pending.routingKey(),
                    e.getMessage());
            TimeUnit.MILLISECONDS.sleep(config.retryDelay().toMillis());
            settle(pending, false);
        }
    }

    /** Acknowledges (or hands back) on the message's own channel; a channel gone since redelivers it anyway. */
    private static void settle(Pending pending, boolean stored) {
        try {
            if (stored) {
                pending.channel().basicAck(pending.deliveryTag(), false);
            } else {
                pending.channel().basicNack(pending.deliveryTag(), false, true);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("feed message on %s not settled, the broker redelivers it: %s", pending.routingKey(),
                    e.getMessage());
        }
    }

    private record Pending(Channel channel, long deliveryTag, String routingKey, byte[] body) {
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
        DeliverCallback deliver = (tag, delivery) -> waiting.add(new Pending(channel,
                delivery.getEnvelope().getDeliveryTag(), delivery.getEnvelope().getRoutingKey(), delivery.getBody()));
        channel.basicConsume(config.queue(), false, "control-plane-feed", deliver, tag -> { });
        LOG.infof("feed adapter consuming %s from exchange %s", config.queue(), config.exchange());
    }
}
