package io.cellbet.testsupport.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueueCleanupTest {

    @Test
    void deletesADurableQueueAndIgnoresAnAbsentOne() throws Exception {
        String queue = "test-support." + UUID.randomUUID();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestInfrastructure.broker().url());
        try (Connection connection = factory.newConnection("broker-queues-test")) {
            try (Channel channel = connection.createChannel()) {
                channel.queueDeclare(queue, true, false, false, Map.of());
            }
            TestInfrastructure.broker().deleteQueuesIfPresent(queue, "test-support.absent." + UUID.randomUUID());
            Channel check = connection.createChannel();
            assertThrows(IOException.class, () -> check.queueDeclarePassive(queue), "the queue is gone");
        }
    }
}
