package io.cellbet.cell.sportsbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.testsupport.live.LiveClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replica that commits a catalog change pushes it to its own live clients right after the commit: here its outbox
 * relay is off, so the change's copy for {@code cell.live} never leaves the outbox, and the client hears it all the
 * same, once.
 */
@QuarkusTest
@TestProfile(LocalLivePushTest.Profile.class)
class LocalLivePushTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cellbet.outbox.relay-enabled", "false");
        }
    }

    @TestHTTPResource("/")
    URL cell;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReplicasOwnClientsHearItsCommittedChangesWithoutTheBroker() throws Exception {
        String event = PlatformFeed.newEvent();
        try (PlatformFeed feed = PlatformFeed.open(); LiveClient client = LiveClient.connect(cell.toString())) {
            feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 1000L, 1, "", "active", "1.80"));
            await().atMost(WAIT).until(() -> given().get("/api/sportsbook/events/" + event).statusCode() == 200);
            client.subscribe(event);
            await().atMost(WAIT).until(() -> !client.frames("snapshot").isEmpty());
            long first = client.frames("snapshot").get(0).path("seq").asLong();

            feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 1001L, 1, "", "active", "1.95"));
            await().atMost(WAIT).until(() -> !client.frames("delta").isEmpty());
            JsonNode delta = client.frames("delta").get(0);
            assertEquals(first + 1, delta.path("seq").asLong());
            assertEquals(0, new BigDecimal("1.95").compareTo(delta.path("markets").get(0).path("outcomes").get(0)
                    .path("odds").decimalValue()));
            assertEquals(2, unsentLiveChanges(event), "both changes are still in the outbox: none came from cell.live");
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> client.frames("delta").size() == 1
                    && client.frames("snapshot").size() == 1);
        }
    }

    private int unsentLiveChanges(String event) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM messaging.outbox o "
                        + "JOIN messaging.outbox_pending p ON p.id = o.id WHERE o.exchange = 'cell.live' "
                        + "AND o.aggregate_id = ?")) {
            select.setString(1, event);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
