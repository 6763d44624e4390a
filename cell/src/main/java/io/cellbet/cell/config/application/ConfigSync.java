package io.cellbet.cell.config.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.CellConfig;
import io.cellbet.contracts.config.ConfigSnapshot;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Fetches config snapshots from the control plane: at start, and whenever a gap shows that
 * deltas were missed. Requests coalesce into one fetch at a time; a failed fetch is retried
 * until one succeeds, while the cell keeps serving the config it holds.
 */
@ApplicationScoped
public class ConfigSync {

    private static final Logger LOG = Logger.getLogger(ConfigSync.class);

    private final ConfigReplica replica;
    private final CellConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ScheduledExecutorService worker = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "config-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<ScheduledFuture<?>> pendingRetry = new AtomicReference<>();

    public ConfigSync(ConfigReplica replica, CellConfig config, ObjectMapper json) {
        this.replica = replica;
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.snapshotTimeout()).build();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /**
     * Asks for a snapshot now; several requests before it runs make one fetch. A new reason
     * (a gap, another store) does not wait out the backoff of earlier failures.
     */
    public void request() {
        ScheduledFuture<?> retry = pendingRetry.getAndSet(null);
        if (retry != null && retry.cancel(false)) {
            requested.set(false);
        }
        if (requested.compareAndSet(false, true)) {
            worker.execute(this::fetch);
        }
    }

    /** Safety net: a gap that no delivery filled is closed by a snapshot. */
    @Scheduled(every = "${cellbet.cell.gap-check-interval:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeGaps() {
        if (replica.hasGap()) {
            request();
        }
    }

    private void fetch() {
        pendingRetry.set(null);
        requested.set(false);
        URI uri = URI.create(config.controlPlaneUrl() + "/api/config/snapshot");
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(config.snapshotTimeout())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("control plane answered " + response.statusCode());
            }
            ConfigSnapshot snapshot = json.readValue(response.body(), ConfigSnapshot.class);
            if (snapshot.storeId() == null || snapshot.entries() == null) {
                throw new IllegalStateException("control plane sent a snapshot without a store id or entries");
            }
            boolean applied = replica.applySnapshot(snapshot);
            failures.set(0);
            LOG.infof("config snapshot at version %d %s", snapshot.version(),
                    applied ? "applied" : "not newer than the applied version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Doubling pauses, capped: a control plane that is down for hours is not polled every 2 s.
            int failed = Math.min(failures.incrementAndGet(), 16);
            long pauseMs = Math.min(config.snapshotRetryInterval().toMillis() << Math.min(failed - 1, 10),
                    config.snapshotRetryIntervalMax().toMillis());
            LOG.warnf("config snapshot from %s failed (%s); serving version %d, retrying in %d ms", uri, e,
                    replica.version(), pauseMs);
            if (requested.compareAndSet(false, true)) {
                pendingRetry.set(worker.schedule(this::fetch, pauseMs, TimeUnit.MILLISECONDS));
            }
        }
    }
}
