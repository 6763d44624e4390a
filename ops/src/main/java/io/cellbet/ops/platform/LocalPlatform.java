package io.cellbet.ops.platform;

import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.localinfra.PostgresEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole Cellbet platform on this machine: PostgreSQL and the broker (configured or embedded), one database per
 * app, the control plane and N cells as child processes of this JVM.
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.builder().ephemeralPorts().start()) {
 *     String api = platform.controlPlane().baseUrl();
 *     platform.cell("cell-2").stop();
 * }
 * }</pre>
 *
 * <p>A JVM shutdown hook closes the platform too, so Ctrl-C never leaves a child process behind.
 */
public final class LocalPlatform implements AutoCloseable {

    /**
     * The password of ops user {@code admin} on platforms started here (the control plane creates
     * it at its first start). Public on purpose: these platforms are local, for tests, benchmarks and
     * the sandbox; a real deployment sets its own from a secret.
     */
    public static final String OPS_ADMIN_PASSWORD = "local-ops-admin-password";

    /**
     * The launch secret every cell started here holds, named {@value #LAUNCH_SECRET_REF}: a brand
     * whose {@code embedding.secretRef} names it can launch players with tokens signed by
     * {@link #LAUNCH_SECRET} ({@code io.cellbet.contracts.accounts.LaunchTokens}). Public for the same
     * reason as {@link #OPS_ADMIN_PASSWORD}.
     */
    public static final String LAUNCH_SECRET_REF = "sandbox-launch";
    public static final String LAUNCH_SECRET = "local-launch-secret";

    /** Name of the control-plane app, as used for {@link Builder#environment(String, String, String)} and logs. */
    public static final String CONTROL_PLANE = "control-plane";
    public static final int DEFAULT_CONTROL_PLANE_PORT = 8080;
    /** cell-1 listens here, cell-2 on the next port, and so on. */
    public static final int DEFAULT_FIRST_CELL_PORT = 8081;
    public static final int DEFAULT_CELL_COUNT = 2;
    public static final int MAX_CELL_COUNT = 16;
    public static final String DEFAULT_REGION = "local";
    public static final String DEFAULT_DATABASE_PREFIX = "cellbet";
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);
    static final Path CONTROL_PLANE_JAR = Path.of("control-plane", "target", "quarkus-app", "quarkus-run.jar");
    static final Path CELL_JAR = Path.of("cell", "target", "quarkus-app", "quarkus-run.jar");

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    /** The two kinds of app the platform runs. */
    enum AppKind {
        CONTROL_PLANE, CELL
    }

    private final Path repositoryRoot;
    private final Path workDir;
    private final LocalInfrastructure ownedInfrastructure;
    private final PostgresEndpoint postgres;
    private final BrokerEndpoint broker;
    private final String infrastructureDescription;
    private final AppProcess controlPlane;
    private final Map<String, AppProcess> cells;
    private final Map<String, String> databases;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<AppProcess> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LocalPlatform(Path repositoryRoot, Path workDir, LocalInfrastructure ownedInfrastructure,
            PostgresEndpoint postgres, BrokerEndpoint broker, String infrastructureDescription,
            AppProcess controlPlane, Map<String, AppProcess> cells, Map<String, String> databases) {
        this.repositoryRoot = repositoryRoot;
        this.workDir = workDir;
        this.ownedInfrastructure = ownedInfrastructure;
        this.postgres = postgres;
        this.broker = broker;
        this.infrastructureDescription = infrastructureDescription;
        this.controlPlane = controlPlane;
        this.cells = Collections.unmodifiableMap(cells);
        this.databases = Map.copyOf(databases);
        this.shutdownHook = new Thread(this::close, "local-platform-shutdown");
    }

    public static Builder builder() {
        return new Builder();
    }

    public AppProcess controlPlane() {
        return controlPlane;
    }

    /** The cell with this id ({@code cell-1}, {@code cell-2}, ...). */
    public AppProcess cell(String id) {
        AppProcess cell = cells.get(id);
        if (cell == null) {
            throw new IllegalArgumentException("No cell " + id + "; cells are " + cells.keySet());
        }
        return cell;
    }

    /** The cells in id order. */
    public List<AppProcess> cells() {
        return List.copyOf(cells.values());
    }

    /** The control plane, then the cells. */
    public List<AppProcess> apps() {
        List<AppProcess> apps = new ArrayList<>();
        apps.add(controlPlane);
        apps.addAll(cells.values());
        return apps;
    }

    /**
     * Starts one more replica of cell {@code id}: the same cell id, database and durable queue,
     * on a port of its own, as a peak day would add behind the cell's load balancer. It is
     * stopped with the platform.
     */
    public AppProcess startReplica(String id) {
        AppProcess cell = cell(id);
        int port = Ports.freePort();
        Map<String, String> env = new LinkedHashMap<>(cell.environment());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        String name = id + "-replica-" + (replicas.size() + 2);
        AppProcess replica = new AppProcess(name, port, cell.command(), env, repositoryRoot,
                logDir().resolve(name + ".log"), cell.readyTimeout());
        replicas.add(replica);
        replica.start();
        return replica;
    }

    /** The app called {@code name}: {@value #CONTROL_PLANE} or a cell id. */
    public AppProcess app(String name) {
        return CONTROL_PLANE.equals(name) ? controlPlane : cell(name);
    }

    /** Name of the database the app uses. */
    public String database(String app) {
        String database = databases.get(app);
        if (database == null) {
            throw new IllegalArgumentException("No app " + app + "; apps are " + databases.keySet());
        }
        return database;
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    public BrokerEndpoint broker() {
        return broker;
    }

    /** Where PostgreSQL and the broker come from, for humans. */
    public String describeInfrastructure() {
        return infrastructureDescription;
    }

    public Path repositoryRoot() {
        return repositoryRoot;
    }

    public Path workDir() {
        return workDir;
    }

    public Path logDir() {
        return workDir.resolve("logs");
    }

    /** True once {@link #close()} has begun, e.g. from the shutdown hook. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Stops the cells, then the control plane, then infrastructure this platform started itself. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // The JVM is exiting and our hook may be running too; stopping twice is harmless.
            }
        }
        List<AppProcess> reverse = new ArrayList<>(replicas);
        reverse.addAll(apps());
        Collections.reverse(reverse.subList(replicas.size(), reverse.size()));
        for (AppProcess app : reverse) {
            try {
                app.stop();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop {}: {}", app.name(), e.toString());
            }
        }
        if (ownedInfrastructure != null) {
            try {
                ownedInfrastructure.close();
            } catch (Exception e) {
                LOG.warn("Could not stop the local infrastructure: {}", e.toString());
            }
        }
    }

    private void startApps() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            for (AppProcess app : apps()) {
                if (closed.get()) {
                    throw new PlatformStartException("The platform was closed while starting");
                }
                app.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Configures and starts a {@link LocalPlatform}. */
    public static final class Builder {

        private Path repositoryRoot;
        private Path workDir;
        private int cellCount = DEFAULT_CELL_COUNT;
        private boolean ephemeralPorts;
        private int controlPlanePort = DEFAULT_CONTROL_PLANE_PORT;
        private int firstCellPort = DEFAULT_FIRST_CELL_PORT;
        private String region = DEFAULT_REGION;
        private String databasePrefix = DEFAULT_DATABASE_PREFIX;
        private boolean freshDatabases;
        private PostgresEndpoint givenPostgres;
        private BrokerEndpoint givenBroker;
        private Map<String, String> infrastructureEnvironment = System.getenv();
        private final Map<String, Map<String, String>> extraEnvironment = new HashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
        private final Map<AppKind, List<String>> commandOverrides = new EnumMap<>(AppKind.class);
        private boolean createDatabases = true;

        private Builder() {
        }

        /** Repository holding the built apps; default: found from the working directory, see {@link RepositoryRoot}. */
        public Builder repositoryRoot(Path root) {
            this.repositoryRoot = root;
            return this;
        }

        /** Where logs ({@code logs/<app>.log}) and embedded infrastructure data go; default target/local-platform. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Number of cells, {@code cell-1} to {@code cell-N}; default {@value #DEFAULT_CELL_COUNT}. */
        public Builder cells(int count) {
            if (count < 1 || count > MAX_CELL_COUNT) {
                throw new IllegalArgumentException("Cell count must be 1.." + MAX_CELL_COUNT + ", was " + count);
            }
            this.cellCount = count;
            return this;
        }

        /** Fixed ports: the control plane on {@code controlPlanePort}, cell-k on {@code firstCellPort + k - 1}. */
        public Builder ports(int controlPlanePort, int firstCellPort) {
            this.controlPlanePort = controlPlanePort;
            this.firstCellPort = firstCellPort;
            this.ephemeralPorts = false;
            return this;
        }

        /** Free ports chosen at start, so tests do not clash with a running sandbox. */
        public Builder ephemeralPorts() {
            this.ephemeralPorts = true;
            return this;
        }

        /** Region given to every cell; default {@value #DEFAULT_REGION}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /**
         * Prefix of the database names: {@code <prefix>_control}, {@code <prefix>_cell_1}, ...; default
         * {@value #DEFAULT_DATABASE_PREFIX}. Another prefix keeps a test's data apart from the sandbox's.
         */
        public Builder databasePrefix(String prefix) {
            if (!prefix.matches("[a-z][a-z0-9_]{0,40}")) {
                throw new IllegalArgumentException("Database prefix must match [a-z][a-z0-9_]*: " + prefix);
            }
            this.databasePrefix = prefix;
            return this;
        }

        /** Drop and recreate the databases (and the cells' durable queues) before starting, so the apps begin empty. */
        public Builder freshDatabases(boolean fresh) {
            this.freshDatabases = fresh;
            return this;
        }

        /** Use this PostgreSQL and broker instead of resolving them; the platform will not stop them. */
        public Builder infrastructure(PostgresEndpoint postgres, BrokerEndpoint broker) {
            this.givenPostgres = Objects.requireNonNull(postgres);
            this.givenBroker = Objects.requireNonNull(broker);
            return this;
        }

        /** Variables read by {@link LocalInfrastructure#resolve}; default {@link System#getenv()}. */
        public Builder infrastructureEnvironment(Map<String, String> environment) {
            this.infrastructureEnvironment = Map.copyOf(environment);
            return this;
        }

        /**
         * An extra environment variable for one app ({@value #CONTROL_PLANE} or a cell id); it wins over the ones the
         * platform sets, e.g. {@code CELLBET_BROKER_URL} pointing at a fault proxy.
         */
        public Builder environment(String app, String name, String value) {
            extraEnvironment.computeIfAbsent(app, key -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** Several extra environment variables for one app. */
        public Builder environment(String app, Map<String, String> variables) {
            variables.forEach((name, value) -> environment(app, name, value));
            return this;
        }

        /** JVM options for every app, e.g. {@code -Xmx256m}. */
        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(List.of(args));
            return this;
        }

        /** The {@code java} launcher for the apps; default the one running this JVM. */
        public Builder javaExecutable(Path java) {
            this.javaExecutable = java;
            return this;
        }

        /** How long each app may take from launch to ready; default 120 s. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** Runs {@code command} instead of {@code java -jar <app jar>}; for tests with a stand-in app. */
        Builder command(AppKind kind, List<String> command) {
            commandOverrides.put(kind, List.copyOf(command));
            return this;
        }

        /** Skips database creation; for tests with a stand-in app that needs no database. */
        Builder skipDatabaseCreation() {
            this.createDatabases = false;
            return this;
        }

        /**
         * Resolves infrastructure, creates the databases and starts the control plane, then each cell, waiting until
         * each is ready.
         *
         * @throws PlatformStartException if an app is not built, its port is taken, or it fails to become ready;
         *     everything started so far is stopped again
         */
        public LocalPlatform start() {
            Path root = repositoryRoot != null ? repositoryRoot.toAbsolutePath().normalize() : RepositoryRoot.find();
            Path dir = (workDir != null ? workDir : root.resolve("target").resolve("local-platform"))
                    .toAbsolutePath().normalize();
            Map<AppKind, List<String>> commands = commands(root);
            Map<String, Integer> ports = choosePorts();
            createDirectories(dir.resolve("logs"));

            LocalInfrastructure infrastructure = null;
            PostgresEndpoint postgres = givenPostgres;
            BrokerEndpoint broker = givenBroker;
            String description;
            if (postgres == null) {
                infrastructure = LocalInfrastructure.resolve(infrastructureEnvironment, dir.resolve("infrastructure"));
                postgres = infrastructure.postgres();
                broker = infrastructure.broker();
                description = infrastructure.describe();
            } else {
                description = "PostgreSQL: given " + postgres + System.lineSeparator() + "broker: given " + broker;
            }
            try {
                Map<String, String> databases = databaseNames();
                if (createDatabases) {
                    createDatabases(postgres, databases.values());
                    if (freshDatabases) {
                        deletePlatformQueues(broker);
                    }
                }
                AppProcess controlPlane = null;
                Map<String, AppProcess> cells = new LinkedHashMap<>();
                for (String app : ports.keySet()) {
                    boolean isControlPlane = CONTROL_PLANE.equals(app);
                    Map<String, String> env = baseEnvironment(postgres, broker, databases.get(app), ports.get(app));
                    if (isControlPlane) {
                        env.put("CELLBET_CONTROL_PLANE_OPS_BOOTSTRAP_ADMIN_PASSWORD", OPS_ADMIN_PASSWORD);
                    } else {
                        env.put("CELLBET_CELL_ID", app);
                        env.put("CELLBET_CELL_REGION", region);
                        env.put("CELLBET_CELL_BASE_URL", "http://127.0.0.1:" + ports.get(app));
                        env.put("CELLBET_CELL_CONTROL_PLANE_URL", "http://127.0.0.1:" + ports.get(CONTROL_PLANE));
                        env.put("CELLBET_ACCOUNTS_LAUNCH_SECRETS_SANDBOX_LAUNCH", LAUNCH_SECRET);
                    }
                    env.putAll(extraEnvironment.getOrDefault(app, Map.of()));
                    AppProcess process = new AppProcess(app, ports.get(app),
                            commands.get(isControlPlane ? AppKind.CONTROL_PLANE : AppKind.CELL), env, root,
                            dir.resolve("logs").resolve(app + ".log"), readyTimeout);
                    if (isControlPlane) {
                        controlPlane = process;
                    } else {
                        cells.put(app, process);
                    }
                }
                truncateLogs(dir.resolve("logs"), ports.keySet());
                LocalPlatform platform = new LocalPlatform(root, dir, infrastructure, postgres, broker, description,
                        controlPlane, cells, databases);
                infrastructure = null; // owned by the platform from here on
                LOG.info("Starting local platform: {}", description);
                platform.startApps();
                return platform;
            } finally {
                if (infrastructure != null) {
                    infrastructure.close();
                }
            }
        }

        private Map<AppKind, List<String>> commands(Path root) {
            Map<AppKind, List<String>> commands = new EnumMap<>(AppKind.class);
            for (AppKind kind : AppKind.values()) {
                List<String> override = commandOverrides.get(kind);
                if (override != null) {
                    commands.put(kind, override);
                    continue;
                }
                Path jar = root.resolve(kind == AppKind.CONTROL_PLANE ? CONTROL_PLANE_JAR : CELL_JAR);
                if (!Files.isRegularFile(jar)) {
                    throw new PlatformStartException(jar + " is not built: run ./mvnw package -DskipTests first");
                }
                List<String> command = new ArrayList<>();
                command.add(javaExecutable.toString());
                command.addAll(jvmArgs);
                command.add("-jar");
                command.add(jar.toString());
                commands.put(kind, command);
            }
            return commands;
        }

        /** App name to port, control plane first, then cells in order. */
        private Map<String, Integer> choosePorts() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Set<Integer> used = new HashSet<>();
            ports.put(CONTROL_PLANE, ephemeralPorts ? uniqueFreePort(used) : controlPlanePort);
            for (int k = 1; k <= cellCount; k++) {
                ports.put("cell-" + k, ephemeralPorts ? uniqueFreePort(used) : firstCellPort + k - 1);
            }
            if (!ephemeralPorts) {
                List<String> taken = new ArrayList<>();
                ports.forEach((app, port) -> {
                    if (!Ports.isFree(port)) {
                        taken.add(port + " (" + app + ")");
                    }
                });
                if (!taken.isEmpty()) {
                    throw new PlatformStartException("Ports already in use: " + String.join(", ", taken)
                            + ". Is a sandbox already running? Stop it or use ephemeral ports.");
                }
            }
            return ports;
        }

        private static int uniqueFreePort(Set<Integer> used) {
            while (true) {
                int port = Ports.freePort();
                if (used.add(port)) {
                    return port;
                }
            }
        }

        private Map<String, String> databaseNames() {
            Map<String, String> names = new LinkedHashMap<>();
            names.put(CONTROL_PLANE, databasePrefix + "_control");
            for (int k = 1; k <= cellCount; k++) {
                names.put("cell-" + k, databasePrefix + "_cell_" + k);
            }
            return names;
        }

        private void createDatabases(PostgresEndpoint postgres, Iterable<String> names) {
            for (String name : names) {
                if (freshDatabases) {
                    postgres.dropDatabaseIfExists(name);
                }
                postgres.createDatabaseIfMissing(name);
            }
        }

        /**
         * Fresh state means the platform's durable queues too: on a shared broker they outlive
         * the platform and keep collecting messages of other runs (tests, earlier benchmarks),
         * which an app with an emptied database would then apply as its own.
         */
        private void deletePlatformQueues(BrokerEndpoint broker) {
            List<String> queues = new ArrayList<>();
            queues.add(io.cellbet.contracts.messaging.Exchanges.CONTROL_PLANE_CELL_EVENTS_QUEUE);
            for (int k = 1; k <= cellCount; k++) {
                queues.add(io.cellbet.contracts.messaging.Exchanges.cellConfigQueue("cell-" + k));
                queues.add(io.cellbet.contracts.messaging.Exchanges.cellFeedQueue("cell-" + k));
            }
            try {
                broker.deleteQueuesIfPresent(queues.toArray(String[]::new));
            } catch (IllegalStateException e) {
                throw new PlatformStartException("Cannot reset the platform's queues: " + e.getMessage(), e);
            }
        }

        private static Map<String, String> baseEnvironment(PostgresEndpoint postgres, BrokerEndpoint broker,
                String database, int port) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password() == null ? "" : postgres.password());
            env.put("CELLBET_BROKER_URL", broker.url());
            env.put("CELLBET_BROKER_QUORUM_QUEUES", Boolean.toString(broker.quorumQueues()));
            env.put("QUARKUS_DEVSERVICES_ENABLED", "false");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            return env;
        }

        private static void truncateLogs(Path logDir, Iterable<String> apps) {
            for (String app : apps) {
                try {
                    Files.deleteIfExists(logDir.resolve(app + ".log"));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot reset the log of " + app, e);
                }
            }
        }

        private static void createDirectories(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + dir, e);
            }
        }
    }
}
