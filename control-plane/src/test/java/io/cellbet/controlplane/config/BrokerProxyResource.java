package io.cellbet.controlplane.config;

import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.testsupport.net.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Puts a real TCP proxy between the app and the real broker, so a test can cut the wire. */
public class BrokerProxyResource implements QuarkusTestResourceLifecycleManager {

    static volatile TcpProxy proxy;
    static volatile BrokerEndpoint broker;

    @Override
    public Map<String, String> start() {
        broker = BrokerEndpoint.parse(System.getProperty("cellbet.infra.broker.url"),
                Boolean.parseBoolean(System.getProperty("cellbet.infra.broker.quorum-queues", "true")));
        proxy = TcpProxy.start(broker.host(), broker.port());
        BrokerEndpoint proxied = new BrokerEndpoint(broker.host(), proxy.port(), broker.username(), broker.password(),
                broker.virtualHost(), broker.quorumQueues());
        return Map.of(
                "cellbet.broker.url", proxied.url(),
                "cellbet.broker.reconnect-interval", "200ms",
                "cellbet.outbox.retry-backoff-max", "500ms",
                "cellbet.outbox.poll-interval", "100ms");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
