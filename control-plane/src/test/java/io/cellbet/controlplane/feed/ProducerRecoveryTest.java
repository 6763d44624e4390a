package io.cellbet.controlplane.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.feed.application.FeedProviderConfig;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.simulators.oddsprovider.OddsProviderSimulator;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Producer state against the simulated provider over real AMQP and HTTP: up only once the recovery it asked for
 * completed, down within the inactivity window when alive stops or the subscription is lost, and up again only
 * after a new recovery. Windows here: inactivity 1 s, recovery timeout 2 s, checks every 200 ms.
 */
@QuarkusTest
class ProducerRecoveryTest {

    @Inject
    Sql sql;

    @Inject
    FeedProviderConfig config;

    private final ObjectMapper json = new ObjectMapper();
    /** ProducerDown and ProducerUp events as published on platform.feed, in arrival order. */
    private final List<JsonNode> producerEvents = new CopyOnWriteArrayList<>();
    private ExchangeTap feed;
    private OddsProviderSimulator provider;

    @BeforeEach
    void listen() throws Exception {
        feed = ExchangeTap.open(TestInfrastructure.broker().url(), Exchanges.PLATFORM_FEED,
                List.of("feed." + FeedEvent.PRODUCER_UP + ".#", "feed." + FeedEvent.PRODUCER_DOWN + ".#"), delivery -> {
                    try {
                        producerEvents.add(json.readTree(delivery.body()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @AfterEach
    void stop() throws Exception {
        if (provider != null) {
            provider.close();
        }
        feed.close();
    }

    @Test
    void goesDownWhenAliveStopsOrTheSubscriptionIsLostAndUpOnlyAfterItsRecoveryCompletes() throws Exception {
        int port = URI.create(config.apiUrl()).getPort();
        provider = OddsProviderSimulator.start(OddsProviderSimulator.Settings.defaults(TestInfrastructure.broker()
                .url()).withExchange(config.exchange()).withHttpPort(port).withEvents(6).withOddsChangesPerSecond(20)
                .withAliveInterval(Duration.ofMillis(200)));

        await().atMost(Duration.ofSeconds(20)).until(() -> state(1).equals("up") && state(3).equals("up"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sawUp(1, 0) && sawUp(3, 0));

        int before = producerEvents.size();
        provider.pause();
        long pausedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> sawDown(1, before, "alive_missing")
                && sawDown(3, before, "alive_missing"));
        long downAfterMs = (System.nanoTime() - pausedAt) / 1_000_000;
        assertTrue(downAfterMs <= config.inactivityWindow().toMillis() + 1_000,
                "down within the inactivity window + 1 s, was " + downAfterMs + " ms");

        // Paused, the provider refuses recovery: nothing comes up, however often the monitor asks.
        await().during(config.recoveryTimeout().plusMillis(500)).atMost(config.recoveryTimeout().plusSeconds(2))
                .until(() -> state(1).equals("down") && state(3).equals("down") && !sawUp(1, before)
                        && !sawUp(3, before));

        int beforeResume = producerEvents.size();
        provider.resume();
        await().atMost(Duration.ofSeconds(15)).until(() -> sawUp(1, beforeResume) && sawUp(3, beforeResume));

        int beforeUnsubscribe = producerEvents.size();
        provider.unsubscribe(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> sawDown(1, beforeUnsubscribe, "unsubscribed"));
        await().atMost(Duration.ofSeconds(15)).until(() -> sawUp(1, beforeUnsubscribe));
        assertEquals("up", state(3), "the other producer stayed up");
    }

    private String state(int product) {
        return sql.one("SELECT state FROM feed.producers WHERE product = ?", row -> row.getString(1), product)
                .orElse("none");
    }

    private boolean sawUp(int producer, int from) {
        return producerEvents.subList(from, producerEvents.size()).stream().anyMatch(event -> event.path("type")
                .asText().equals(FeedEvent.PRODUCER_UP) && event.path("payload").path("producer").asInt() == producer);
    }

    private boolean sawDown(int producer, int from, String reason) {
        return producerEvents.subList(from, producerEvents.size()).stream().anyMatch(event -> event.path("type")
                .asText().equals(FeedEvent.PRODUCER_DOWN) && event.path("payload").path("producer").asInt() == producer
                && event.path("payload").path("reason").asText().equals(reason));
    }
}
