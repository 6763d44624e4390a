package io.cellbet.platform.messaging.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import io.cellbet.platform.messaging.Correlation;
import io.cellbet.platform.messaging.Envelope;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.persistence.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes queues idempotently: each message is processed in a transaction that first records
 * its id in {@code messaging.inbox}; a message seen before is acknowledged without being
 * processed again. Acknowledgement follows the commit, so a crash between the two only causes
 * a redelivery, which the inbox then skips.
 *
 * <p>Messages that are waiting when a transaction starts are processed together in it (at most
 * {@code cellbet.inbox.batch-size}): one commit for many messages when a backlog builds up,
 * one message per commit when traffic is light. A batch that fails is retried one message at a
 * time, so one failing message never holds back the others. A message whose handler fails is
 * handed back to the broker and retried; one whose payload cannot be read as its type is
 * rejected, as retrying cannot help.
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
    private final int batchSize;
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public Inbox(Sql sql, Broker broker, ObjectMapper json, MeterRegistry metrics,
            @ConfigProperty(name = "cellbet.inbox.retention", defaultValue = "7d") Duration retention,
            @ConfigProperty(name = "cellbet.inbox.batch-size", defaultValue = "50") int batchSize) {
        this.sql = sql;
        this.broker = broker;
        this.json = json;
        this.metrics = metrics;
        this.retention = retention;
        this.batchSize = Math.max(1, batchSize);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        workers.forEach(Thread::interrupt);
    }

    /**
     * Records that {@code consumer} processed the message; false when it already had.
     * Must run in the transaction that applies the message's effects.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, Envelope envelope) {
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
            channel.basicConsume(queue, false, consumer, new Subscription(channel, consumer, handler));
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

    /** One received message: its delivery tag and what it says (null when unreadable). */
    private record Received(long tag, Envelope envelope, String messageId, String problem) {
    }

    /**
     * Receives on the client's dispatch thread and hands over to one worker thread, which does
     * every database and channel operation: the channel is never used by two threads at once.
     */
    private final class Subscription extends DefaultConsumer {

        private final String consumer;
        private final MessageHandler handler;
        // Bounded by the channel's prefetch: the broker never sends more unacknowledged messages.
        private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        Subscription(Channel channel, String consumer, MessageHandler handler) {
            super(channel);
            this.consumer = consumer;
            this.handler = handler;
            Thread worker = new Thread(this::work, "inbox-" + consumer);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }

        @Override
        public void handleDelivery(String tag, com.rabbitmq.client.Envelope delivery, AMQP.BasicProperties properties,
                byte[] body) {
            Received message;
            try {
                message = new Received(delivery.getDeliveryTag(), json.readValue(body, Envelope.class), null, null);
            } catch (Exception e) {
                message = new Received(delivery.getDeliveryTag(), null, properties.getMessageId(), e.getMessage());
            }
            received.add(message);
        }

        private void work() {
            List<Received> batch = new ArrayList<>(batchSize);
            while (running) {
                try {
                    batch.add(received.take());
                    received.drainTo(batch, batchSize - 1);
                    process(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // A channel that closed under us: its unacknowledged messages come again.
                    LOG.warnf("%s could not settle a batch: %s", consumer, e.toString());
                } finally {
                    batch.clear();
                }
            }
        }

        private void process(List<Received> batch) throws IOException, InterruptedException {
            List<Received> readable = new ArrayList<>(batch.size());
            for (Received message : batch) {
                if (message.envelope() == null) {
                    // A message that is not an envelope can never succeed; requeueing it would block the
                    // queue. Reject it: a dead-letter policy on the broker keeps it for inspection.
                    LOG.errorf("rejecting unreadable message on %s (message id %s): %s", consumer,
                            message.messageId(), message.problem());
                    metrics.counter("cellbet.inbox.rejected", "consumer", consumer).increment();
                    getChannel().basicReject(message.tag(), false);
                } else {
                    readable.add(message);
                }
            }
            if (readable.isEmpty()) {
                return;
            }
            try {
                int processed = QuarkusTransaction.requiringNew().call(() -> handleAll(readable));
                count(processed, readable.size() - processed);
                for (Received message : readable) {
                    getChannel().basicAck(message.tag(), false);
                }
            } catch (Exception batchFailure) {
                if (readable.size() == 1) {
                    giveBack(readable.get(0), batchFailure);
                    return;
                }
                for (Received message : readable) {
                    try {
                        int processed = QuarkusTransaction.requiringNew().call(() -> handleAll(List.of(message)));
                        count(processed, 1 - processed);
                        getChannel().basicAck(message.tag(), false);
                    } catch (Exception failure) {
                        giveBack(message, failure);
                    }
                }
            }
        }

        /** Handles each message not seen before; returns how many were new. Runs in the caller's transaction. */
        private int handleAll(List<Received> messages) throws Exception {
            int processed = 0;
            for (Received message : messages) {
                Envelope envelope = message.envelope();
                if (markProcessed(consumer, envelope)) {
                    Correlation.with(envelope.correlationId(), () -> {
                        handler.handle(envelope);
                        return null;
                    });
                    processed++;
                }
            }
            return processed;
        }

        private void giveBack(Received message, Exception failure) throws IOException, InterruptedException {
            Envelope envelope = message.envelope();
            if (isUnreadablePayload(failure)) {
                // The payload does not have its type's shape: no retry can fix it.
                LOG.errorf("rejecting %s %s on %s, its payload is unreadable: %s", envelope.type(), envelope.id(),
                        consumer, failure.toString());
                metrics.counter("cellbet.inbox.rejected", "consumer", consumer).increment();
                getChannel().basicReject(message.tag(), false);
                return;
            }
            LOG.warnf(failure, "%s failed on %s %s; it will be delivered again", consumer, envelope.type(),
                    envelope.id());
            metrics.counter("cellbet.inbox.failures", "consumer", consumer).increment();
            Thread.sleep(REDELIVERY_PAUSE.toMillis());
            getChannel().basicNack(message.tag(), false, true);
        }

        private static boolean isUnreadablePayload(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                    return true;
                }
            }
            return false;
        }

        private void count(int processed, int duplicates) {
            if (processed > 0) {
                metrics.counter("cellbet.inbox.messages", "consumer", consumer, "outcome", "processed")
                        .increment(processed);
            }
            if (duplicates > 0) {
                metrics.counter("cellbet.inbox.messages", "consumer", consumer, "outcome", "duplicate")
                        .increment(duplicates);
            }
        }
    }
}
