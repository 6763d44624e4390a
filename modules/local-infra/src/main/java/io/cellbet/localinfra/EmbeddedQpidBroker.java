package io.cellbet.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;

/** An in-process Apache Qpid Broker-J speaking AMQP 0-9-1, with everything held in memory. */
final class EmbeddedQpidBroker implements AutoCloseable {

    static final String USERNAME = "guest";
    static final String PASSWORD = "guest";
    static final String VIRTUAL_HOST = "default";
    private static final String STATUS_UPDATES_PROPERTY = "qpid.broker_status_updates";

    /*
     * Broker model, written by hand because the broker has no builder API:
     * - "Memory" node and host: nothing survives the JVM, which is what a sandbox or test wants.
     * - port 0: the OS picks a free port (read back as the bound port), no probe-then-bind race.
     * - defaultAlias + the node flagged default: clients asking for vhost "/" or "" land on
     *   "default" (Qpid strips the leading "/" and resolves "" through the default alias).
     * - secureOnlyMechanisms empty: Qpid otherwise offers PLAIN only over TLS, and the RabbitMQ
     *   client authenticates with PLAIN over plain TCP.
     * - no HTTP port or management plugin: nothing else to bind or secure.
     */
    private static final String INITIAL_CONFIG = """
            {
                "name": "cellbet-embedded",
                "modelVersion": "9.1",
                "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
                } ],
                "ports": [ {
                    "name": "AMQP",
                    "type": "AMQP",
                    "port": 0,
                    "bindingAddress": "127.0.0.1",
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                        { "name": "nameAlias", "type": "nameAlias" },
                        { "name": "defaultAlias", "type": "defaultAlias" }
                    ]
                } ],
                "virtualhostnodes": [ {
                    "name": "%s",
                    "type": "Memory",
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{ \\"type\\": \\"Memory\\" }"
                } ]
            }
            """;

    private final SystemLauncher launcher;
    private final BrokerEndpoint endpoint;

    private EmbeddedQpidBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        // The RabbitMQ client sends "/" by default; Qpid maps it to the default virtual host.
        this.endpoint = new BrokerEndpoint("127.0.0.1", port, USERNAME, PASSWORD, "/", false);
    }

    /** Starts the broker with its work directory under {@code workDir}. */
    static EmbeddedQpidBroker start(Path workDir) {
        Path qpidWork = WorkDirectories.fresh(workDir.resolve("qpid"));
        Path initialConfig = qpidWork.resolve("initial-config.json");
        try {
            Files.writeString(initialConfig,
                    INITIAL_CONFIG.formatted(USERNAME, PASSWORD, VIRTUAL_HOST), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Qpid configuration " + initialConfig, e);
        }

        AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                systemConfig.set(config);
            }
        });

        Map<String, Object> context = new HashMap<>();
        context.put(SystemConfig.QPID_WORK_DIR, qpidWork.toString());
        // The default preference store writes a JSON file per broker; nobody uses preferences here.
        context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");

        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toUri().toString());
        // Both switches keep the broker off stdout: the startup banner and the per-connection
        // operational messages (CON-1001 etc.) would otherwise flood test and sandbox output.
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put(SystemConfig.CONTEXT, context);

        String previousStatusUpdates = System.getProperty(STATUS_UPDATES_PROPERTY);
        try {
            // Qpid reads this switch from a JVM system property only, at startup; restore it afterwards.
            System.setProperty(STATUS_UPDATES_PROPERTY, "false");
            launcher.startup(attributes);
        } catch (Exception e) {
            launcher.shutdown();
            throw new IllegalStateException("Cannot start embedded Qpid broker: " + e.getMessage(), e);
        } finally {
            if (previousStatusUpdates == null) {
                System.clearProperty(STATUS_UPDATES_PROPERTY);
            } else {
                System.setProperty(STATUS_UPDATES_PROPERTY, previousStatusUpdates);
            }
        }

        try {
            return new EmbeddedQpidBroker(launcher, boundAmqpPort(systemConfig.get()));
        } catch (RuntimeException e) {
            launcher.shutdown();
            throw e;
        }
    }

    private static int boundAmqpPort(SystemConfig<?> systemConfig) {
        if (systemConfig == null) {
            throw new IllegalStateException("Qpid started without resolving its broker container");
        }
        Broker<?> broker = systemConfig.getContainer(Broker.class);
        for (Port<?> port : broker.getPorts()) {
            if (port instanceof AmqpPort<?> amqpPort && amqpPort.getBoundPort() > 0) {
                return amqpPort.getBoundPort();
            }
        }
        throw new IllegalStateException("Qpid started but its AMQP port is not bound");
    }

    BrokerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            launcher.shutdown();
        } catch (IllegalStateException e) {
            // On JVM exit Qpid's own shutdown hook may have stopped the broker before ours runs;
            // it then refuses a second stop, which leaves nothing behind.
        }
    }
}
