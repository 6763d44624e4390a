package io.cellbet.platform.messaging.broker;

import com.rabbitmq.client.Connection;
import java.io.IOException;

/**
 * Exchanges, queues, bindings and consumers a component needs, declared once the broker
 * is reachable. The client's automatic recovery re-declares them after a reconnect.
 */
@FunctionalInterface
public interface Topology {

    void declareOn(Connection connection) throws IOException;
}
