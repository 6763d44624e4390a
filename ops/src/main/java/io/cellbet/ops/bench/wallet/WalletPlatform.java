package io.cellbet.ops.bench.wallet;

import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.ops.platform.LocalPlatform;
import java.nio.file.Path;
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
                .environment(CELL, "CELLBET_CELL_ID", cellId);
        customize.accept(builder);
        return builder.start();
    }
}
