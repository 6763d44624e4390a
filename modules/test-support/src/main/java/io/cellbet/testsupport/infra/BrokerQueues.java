package io.cellbet.testsupport.infra;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
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
                    // A channel per queue: deleting an absent queue is fine, but a refused delete
                    // closes its channel.
                    try (Channel channel = connection.createChannel()) {
                        channel.queueDelete(queue);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot delete test queues on " + broker + ": " + e.getMessage(), e);
        }
    }
}
