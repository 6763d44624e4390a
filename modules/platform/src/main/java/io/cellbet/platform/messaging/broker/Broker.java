package io.cellbet.platform.messaging.broker;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The process's one connection to the broker.
 *
 * <p>The application starts and serves without the broker: a cell keeps taking bets while
 * the broker is away, its outbox holding what it could not publish. So the first connection
 * is made in the background and retried forever ({@link RetryingConnection}); once connected,
 * the client's automatic recovery restores the connection, topology and consumers after any
 * outage.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);

    private final BrokerConfig config;
    private final List<Topology> topologies = new CopyOnWriteArrayList<>();
    private final RetryingConnection connection;

    public Broker(BrokerConfig config) {
        this.config = config;
        this.connection = new RetryingConnection(config.connectionName(), config.url(), config.connectTimeout(),
                config.reconnectInterval());
    }

    void onStart(@Observes StartupEvent event) {
        connection.start(opened -> {
            for (Topology topology : topologies) {
                declareQuietly(opened, topology);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        connection.stop();
    }

    /** Declares the topology now if connected, and in any case once the first connection is made. */
    public void declare(Topology topology) {
        topologies.add(topology);
        Connection current = connection.current();
        if (current != null) {
            declareQuietly(current, topology);
        }
    }

    /** Declares a durable topic exchange this app publishes to, so its outbox never targets a missing one. */
    public void declareTopicExchange(String exchange) {
        declare(connection -> {
            Channel channel = connection.createChannel();
            try {
                channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            } finally {
                if (channel.isOpen()) {
                    try {
                        channel.close();
                    } catch (java.util.concurrent.TimeoutException e) {
                        LOG.debugf("closing declaration channel: %s", e.getMessage());
                    }
                }
            }
        });
    }

    public boolean isConnected() {
        return connection.isOpen();
    }

    /** Opens a channel; fails with {@link IOException} while the broker is unreachable. */
    public Channel openChannel() throws IOException {
        Connection current = connection.current();
        if (current == null || !current.isOpen()) {
            throw new IOException("broker not connected");
        }
        return current.createChannel();
    }

    /** Queue arguments for a durable queue that must never lose a message. */
    public Map<String, Object> durableQueueArguments() {
        Map<String, Object> arguments = new HashMap<>();
        if (config.quorumQueues()) {
            arguments.put("x-queue-type", "quorum");
        }
        return arguments;
    }

    public int prefetch() {
        return config.prefetch();
    }

    public long confirmTimeoutMs() {
        return config.confirmTimeout().toMillis();
    }

    public boolean requiredForReadiness() {
        return config.requiredForReadiness();
    }

    private static void declareQuietly(Connection connection, Topology topology) {
        try {
            topology.declareOn(connection);
        } catch (IOException e) {
            // A declaration the broker refuses is a configuration error (for instance quorum
            // queues on a broker without them); it must be loud, and it must not stop others.
            LOG.errorf(e, "declaring broker topology failed");
        }
    }
}
