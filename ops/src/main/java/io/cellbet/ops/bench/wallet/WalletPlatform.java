package io.cellbet.ops.bench.wallet;

import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.ops.platform.LocalPlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A one-cell {@link LocalPlatform} for wallet runs that share PostgreSQL and the broker with other runs: its databases
 * have their own prefix and its cell its own id (so its own config queue), and only those are reset. Unlike
 * {@link LocalPlatform.Builder#freshDatabases(boolean)}, this never deletes the queues of the default cell ids or
 * the control plane's, which another run on the same broker may be consuming.
 */
public final class WalletPlatform {

    /** The app name of the one cell, as {@link LocalPlatform} calls it. */
    public static final String CELL = "cell-1";

    /**
     * The apps' JVM options unless {@code CELLBET_APP_JAVA_OPTS} gives others: a heap of fixed size, as a server is
     * run. Left to itself on this kind of machine, G1 kept the cell's heap near 160 MB: at 1,500 bets/s it collected
     * every 0.8 s and began a concurrent cycle every 1.6 s, and the cell spent 0.36 ms of CPU per bet against 0.31
     * with these (ops/README.md, the bets bench).
     */
    public static final String APP_JAVA_OPTS_DEFAULT = "-Xms1g -Xmx1g";

    /** The apps' JVM options of a bench run: {@code CELLBET_APP_JAVA_OPTS}, else {@link #APP_JAVA_OPTS_DEFAULT}. */
    public static List<String> appJavaOptions() {
        String given = System.getenv("CELLBET_APP_JAVA_OPTS");
        String options = given == null || given.isBlank() ? APP_JAVA_OPTS_DEFAULT : given;
        return List.of(options.strip().split("\\s+"));
    }

    private WalletPlatform() {
    }

    /**
     * Drops and recreates {@code <databasePrefix>_control} and {@code <databasePrefix>_cell_1}, deletes the config
     * queue of {@code cellId}, then starts the control plane and the cell (as {@code cellId}) on ephemeral ports.
     *
     * @param customize further settings, such as extra environment variables for the cell
     */
    public static LocalPlatform start(PostgresEndpoint postgres, BrokerEndpoint broker, String databasePrefix,
            String cellId, Path workDir, Consumer<LocalPlatform.Builder> customize) {
        postgres.dropDatabaseIfExists(databasePrefix + "_control");
        postgres.dropDatabaseIfExists(databasePrefix + "_cell_1");
        broker.deleteQueuesIfPresent(Exchanges.cellConfigQueue(cellId));
        LocalPlatform.Builder builder = LocalPlatform.builder()
                .infrastructure(postgres, broker)
                .ephemeralPorts()
                .cells(1)
                .databasePrefix(databasePrefix)
                .workDir(workDir)
                .jvmArgs(appJavaOptions().toArray(String[]::new))
                .environment(CELL, "CELLBET_CELL_ID", cellId);
        customize.accept(builder);
        return builder.start();
    }
}
