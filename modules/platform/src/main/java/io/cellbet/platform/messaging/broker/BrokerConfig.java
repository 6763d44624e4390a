package io.cellbet.platform.messaging.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Connection to the AMQP 0-9-1 broker (RabbitMQ in production). */
@ConfigMapping(prefix = "cellbet.broker")
public interface BrokerConfig {

    /** Broker address, {@code amqp://user:password@host:port/vhost} (vhost URL-encoded, {@code %2f} for "/"). */
    @WithDefault("amqp://guest:guest@127.0.0.1:5672/%2f")
    String url();

    /**
     * Declare durable queues as quorum queues (replicated, the RabbitMQ default for money
     * and settlement traffic). Brokers without quorum queues (the embedded Qpid) set false.
     */
    @WithDefault("true")
    boolean quorumQueues();

    /** Name this process shows in the broker's connection list. */
    @WithDefault("cellbet")
    String connectionName();

    /** Time allowed to open a TCP connection to the broker. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Pause between attempts while the broker cannot be reached (first connection and recovery). */
    @WithDefault("2s")
    Duration reconnectInterval();

    /** Unacknowledged deliveries a consumer holds at most (basic.qos prefetch). */
    @WithDefault("64")
    int prefetch();

    /** Time a publisher waits for the broker's confirms of one batch before the batch is retried. */
    @WithDefault("10s")
    Duration confirmTimeout();

    /** Whether the readiness check reports DOWN while the broker is unreachable. */
    @WithDefault("true")
    boolean requiredForReadiness();
}
