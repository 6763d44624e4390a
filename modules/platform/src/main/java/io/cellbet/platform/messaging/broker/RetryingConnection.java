package io.cellbet.platform.messaging.broker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * An AMQP connection made in the background and tried again every {@code retryInterval} until it succeeds, so an
 * application starts and serves without its broker; once made, the client's automatic recovery restores the
 * connection, topology and consumers after any outage. Used for the platform's broker ({@link Broker}) and for
 * connections to other parties' brokers (the odds provider's).
 */
public final class RetryingConnection {

    private static final Logger LOG = Logger.getLogger(RetryingConnection.class);
    private static final int HEARTBEAT_SECONDS = 10;
    private static final int CLOSE_TIMEOUT_MS = 2_000;

    /** What to do on the new connection (declare, subscribe) before it counts as connected. */
    @FunctionalInterface
    public interface OnConnected {
        void accept(Connection connection) throws Exception;
    }

    private final String name;
    private final String url;
    private final Duration connectTimeout;
    private final Duration retryInterval;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Connection connection;
    private volatile boolean running;

    /** {@code name} names the connection on the broker and the connector thread. */
    public RetryingConnection(String name, String url, Duration connectTimeout, Duration retryInterval) {
        this.name = name;
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.retryInterval = retryInterval;
    }

    /** Starts connecting in the background; {@code onConnected} runs once, on the first connection. */
    public synchronized void start(OnConnected onConnected) {
        running = true;
        Thread connector = new Thread(() -> connectUntilConnected(onConnected), name + "-connector");
        connector.setDaemon(true);
        connector.start();
    }

    /** The connection, or null before the first one was made and after {@link #stop()}. */
    public Connection current() {
        return connection;
    }

    public boolean isOpen() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    /** Stops trying and closes the connection. */
    public void stop() {
        running = false;
        stopped.countDown();
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close(CLOSE_TIMEOUT_MS);
            } catch (Exception e) {
                LOG.debugf("closing connection %s: %s", name, e.getMessage());
            }
        }
    }

    private void connectUntilConnected(OnConnected onConnected) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(url);
        } catch (Exception e) {
            LOG.errorf("connection %s: invalid AMQP URL: %s", name, e.getMessage());
            return;
        }
        factory.setConnectionTimeout((int) connectTimeout.toMillis());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(retryInterval.toMillis());
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        while (running) {
            Connection opened = null;
            try {
                opened = factory.newConnection(name);
                onConnected.accept(opened);
                connection = opened;
                LOG.infof("connection %s made to %s:%d", name, factory.getHost(), factory.getPort());
                return;
            } catch (Exception e) {
                if (opened != null) {
                    try {
                        opened.close(CLOSE_TIMEOUT_MS);
                    } catch (Exception ignored) {
                        // The next attempt opens a new one.
                    }
                }
                LOG.warnf("connection %s: %s:%d not reachable (%s); retrying in %s", name, factory.getHost(),
                        factory.getPort(), e.getMessage(), retryInterval);
                try {
                    if (stopped.await(retryInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
