package io.cellbet.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A PostgreSQL server started from zonky's Maven-packaged binaries, owned by this JVM. */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final PostgresEndpoint endpoint;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        // zonky initialises the cluster with superuser "postgres" and trust authentication.
        this.endpoint = new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", "");
    }

    /** Starts a server on a free port with its data directory under {@code workDir}. */
    static EmbeddedPostgresServer start(Path workDir) {
        Path dataDirectory = workDir.resolve("postgres-data");
        stopStalePostmaster(dataDirectory);
        WorkDirectories.fresh(dataDirectory);
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    // Loopback only: a developer laptop should not expose a trust-auth server to the LAN.
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // Tests run several pools (JDBC + reactive) per app; keep headroom above the default.
                    .setServerConfig("max_connections", "300")
                    // A commit waits for its WAL flush, as on any server that holds money. The embedded server's own
                    // default is off (fast, but a crash of the server loses the last commits it acknowledged), which
                    // made benchmarks on it look better than a real cell.
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL under " + dataDirectory, e);
        }
    }

    /**
     * pg_ctl detaches the postmaster from the JVM, so a JVM killed with SIGKILL (e.g. a surefire
     * fork timeout) leaves a server running on this data directory; stop it before wiping the
     * directory, else orphans pile up run after run. The caller holds the work directory lock, so
     * no live owner can be using it.
     */
    private static void stopStalePostmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long pid;
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return;
            }
            pid = Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> stale = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                // Guard against PID reuse: only a postgres binary is ours to stop.
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        stale.ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            }
        });
    }

    PostgresEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
        }
    }
}
