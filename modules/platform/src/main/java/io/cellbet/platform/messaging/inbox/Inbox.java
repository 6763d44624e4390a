package io.cellbet.platform.messaging.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.cellbet.platform.messaging.Correlation;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.persistence.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes queues idempotently: each delivery is processed in a transaction that first
 * records its message id in {@code messaging.inbox}; a message seen before is acknowledged
 * without being processed again. Acknowledgement follows the commit, so a crash between the
 * two only causes a redelivery, which the inbox then skips.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /** Pause before a failed delivery is handed back to the broker, so a failing handler does not spin. */
    static final Duration REDELIVERY_PAUSE = Duration.ofMillis(500);

    private final Sql sql;
    private final Broker broker;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Duration retention;

    public Inbox(Sql sql, Broker broker, ObjectMapper json, MeterRegistry metrics,
            @ConfigProperty(name = "cellbet.inbox.retention", defaultValue = "7d") Duration retention) {
        this.sql = sql;
        this.broker = broker;
        this.json = json;
        this.metrics = metrics;
        this.retention = retention;
    }

    /**
     * Records that {@code consumer} processed the message; false when it already had.
     * Must run in the transaction that applies the message's effects.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, io.cellbet.platform.messaging.Envelope envelope) {
        return sql.update("""
                INSERT INTO messaging.inbox (consumer, message_id, type) VALUES (?, ?, ?)
                ON CONFLICT (consumer, message_id) DO NOTHING""",
                consumer, envelope.id(), envelope.type()) == 1;
    }

    /**
     * Consumes {@code queue} (declared by {@code topology} first) under the name
     * {@code consumer}, calling {@code handler} once per distinct message id.
     */
    public void subscribe(String consumer, String queue, QueueDeclaration topology, MessageHandler handler) {
        broker.declare(connection -> {
            Channel channel = connection.createChannel();
            topology.declare(channel);
            channel.basicQos(broker.prefetch());
            channel.basicConsume(queue, false, consumer, new Delivery(channel, consumer, handler));
            LOG.infof("consuming %s as %s", queue, consumer);
        });
    }

    /** Deletes inbox rows older than the retention; redeliveries come long before that. */
    @Scheduled(every = "${cellbet.inbox.purge-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant cutoff = Instant.now().minus(retention);
        QuarkusTransaction.requiringNew().run(() -> sql.update("DELETE FROM messaging.inbox WHERE processed_at < ?",
                cutoff));
    }

    /** Declares a consumer's queue, its bindings and what they need. */
    @FunctionalInterface
    public interface QueueDeclaration {
        void declare(Channel channel) throws IOException;
    }


    private final class Delivery extends DefaultConsumer {

        private final String consumer;
        private final MessageHandler handler;

        Delivery(Channel channel, String consumer, MessageHandler handler) {
            super(channel);
            this.consumer = consumer;
            this.handler = handler;
        }

        @Override
        public void handleDelivery(String tag, Envelope delivery, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            io.cellbet.platform.messaging.Envelope envelope;
            try {
                envelope = json.readValue(body, io.cellbet.platform.messaging.Envelope.class);
            } catch (Exception e) {
                // A message that is not an envelope can never succeed; requeueing it would block the
                // queue. Reject it: a dead-letter policy on the broker keeps it for inspection.
                LOG.errorf("rejecting unreadable message on %s (message id %s): %s", consumer,
                        properties.getMessageId(), e.getMessage());
                metrics.counter("cellbet.inbox.rejected", "consumer", consumer).increment();
                getChannel().basicReject(delivery.getDeliveryTag(), false);
                return;
            }
            try {
                boolean processed = QuarkusTransaction.requiringNew().call(() -> {
                    if (!markProcessed(consumer, envelope)) {
                        return false;
                    }
                    Correlation.with(envelope.correlationId(), () -> {
                        handler.handle(envelope);
                        return null;
                    });
                    return true;
                });
                metrics.counter("cellbet.inbox.messages", "consumer", consumer,
                        "outcome", processed ? "processed" : "duplicate").increment();
                getChannel().basicAck(delivery.getDeliveryTag(), false);
            } catch (Exception e) {
                LOG.warnf(e, "%s failed on %s %s; it will be delivered again", consumer, envelope.type(), envelope.id());
                metrics.counter("cellbet.inbox.failures", "consumer", consumer).increment();
                pauseBeforeRedelivery();
                getChannel().basicNack(delivery.getDeliveryTag(), false, true);
            }
        }

        private void pauseBeforeRedelivery() {
            try {
                Thread.sleep(REDELIVERY_PAUSE.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
