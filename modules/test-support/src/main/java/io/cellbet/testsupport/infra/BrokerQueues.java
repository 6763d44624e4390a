package io.cellbet.testsupport.infra;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.cellbet.localinfra.BrokerEndpoint;

/**
 * Deletes durable queues a test owns, before and after it runs. A durable queue outlives the
 * test JVM on a shared broker and keeps collecting every message routed to it (other modules'
 * tests publish to the same exchanges), which a later run would then consume as its own.
 */
public final class BrokerQueues {

    private BrokerQueues() {
    }

    public static void delete(BrokerEndpoint broker, String... queues) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(broker.url());
            try (Connection connection = factory.newConnection("test-queue-cleanup")) {
                for (String queue : queues) {
                    deleteIfPresent(connection, queue);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot delete test queues on " + broker + ": " + e, e);
        }
    }

    /**
     * Deletes one queue on its own channel. RabbitMQ deletes an absent queue silently; Qpid
     * answers 404 and closes the channel, which here means the work is done.
     */
    static void deleteIfPresent(Connection connection, String queue) throws java.io.IOException {
        Channel channel = connection.createChannel();
        try {
            channel.queueDelete(queue);
        } catch (java.io.IOException e) {
            if (!(e.getCause() instanceof ShutdownSignalException signal) || !isNotFound(signal)) {
                throw e;
            }
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (java.util.concurrent.TimeoutException e) {
                    // The queue is gone either way.
                }
            }
        }
    }

    private static boolean isNotFound(ShutdownSignalException signal) {
        return signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == AMQP.NOT_FOUND;
    }
}
