package io.cellbet.controlplane.feed.application;

import io.cellbet.platform.work.BackgroundLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Watches each producer (every {@code check-interval}): one whose alive is overdue goes down; one that is down asks
 * the provider for recovery ({@code POST /v1/{product}/recovery/initiate_request?after=<last processed>&request_id=})
 * and asks again when the recovery has not completed within {@code recovery-timeout}, or after {@code retry-delay}
 * when the provider could not be reached or refused the request. Replicas share the work
 * through row locks ({@code SKIP LOCKED}): each producer is handled by one of them per round.
 */
@ApplicationScoped
public class ProducerMonitor {

    private static final Logger LOG = Logger.getLogger(ProducerMonitor.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final String ACCESS_TOKEN_HEADER = "x-access-token";

    private final FeedProviderConfig config;
    private final Producers producers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final BackgroundLoop loop;

    public ProducerMonitor(FeedProviderConfig config, Producers producers) {
        this.config = config;
        this.producers = producers;
        this.loop = new BackgroundLoop("feed-producer-monitor", config.checkInterval(), config.checkInterval(),
                config.recoveryTimeout(), this::round, (failure, failures, retryIn) -> LOG.warnf(
                        "feed producer check failed (%d in a row), next in %s: %s", failures, retryIn,
                        failure.getMessage()));
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    private void round() {
        for (int product : config.producers()) {
            // The decision and the request id commit first; the provider is called outside the transaction, so
            // no row lock waits on the network and a fast snapshot_complete finds the id it answers.
            RecoveryRequest request = QuarkusTransaction.requiringNew().call(() -> check(product));
            if (request != null && !send(request)) {
                QuarkusTransaction.requiringNew().run(() -> producers.recoveryRefused(product, request.id(),
                        config.retryDelay().toMillis()));
            }
        }
    }

    /** A recovery to ask the provider for. */
    private record RecoveryRequest(int product, long id, Long after) {
    }

    /** Puts an overdue producer down; returns the recovery to request now, if one is due. */
    private RecoveryRequest check(int product) {
        producers.ensure(product);
        Producers.Producer producer = producers.lock(product, config.inactivityWindow().toMillis()).orElse(null);
        if (producer == null) {
            return null;
        }
        if (producer.state().equals("up")) {
            if (!producer.aliveOverdue()) {
                return null;
            }
            producers.down(product, "alive_missing");
        } else if (!producer.recoveryDue()) {
            return null;
        }
        return new RecoveryRequest(product, producers.newRecoveryRequest(product, config.recoveryTimeout().toMillis()),
                producer.lastProcessedAt());
    }

    /** Whether the provider took the request. */
    private boolean send(RecoveryRequest request) {
        String url = config.apiUrl() + "/v1/" + request.product() + "/recovery/initiate_request?request_id="
                + request.id() + (request.after() == null ? "" : "&after=" + request.after());
        try {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody());
            config.accessToken().ifPresent(token -> post.header(ACCESS_TOKEN_HEADER, token));
            HttpResponse<String> response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                LOG.infof("feed producer %d: recovery %d requested (after %s)", request.product(), request.id(),
                        request.after());
                return true;
            }
            LOG.warnf("feed producer %d: recovery request answered %d; asking again in %s", request.product(),
                    response.statusCode(), config.retryDelay());
        } catch (IOException e) {
            LOG.warnf("feed producer %d: recovery request failed (%s); asking again in %s", request.product(),
                    e.toString(), config.retryDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
