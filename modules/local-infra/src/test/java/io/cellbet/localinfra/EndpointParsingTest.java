package io.cellbet.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointParsingTest {

    @Test
    void parsesPostgresUrlWithoutPasswordAsEmptyPassword() {
        PostgresEndpoint endpoint = PostgresEndpoint.parse("postgresql://postgres@127.0.0.1:5432");

        assertEquals(new PostgresEndpoint("127.0.0.1", 5432, "postgres", ""), endpoint);
        assertEquals("postgresql://postgres@127.0.0.1:5432", endpoint.url());
    }

    @Test
    void roundTripsPostgresUrlWithEncodedPassword() {
        PostgresEndpoint endpoint = PostgresEndpoint.parse("postgresql://app:p%40ss%3Aw%2Fd@db.local:6543");

        assertEquals(new PostgresEndpoint("db.local", 6543, "app", "p@ss:w/d"), endpoint);
        assertEquals(endpoint, PostgresEndpoint.parse(endpoint.url()));
    }

    @Test
    void defaultsPostgresPortAndIgnoresDatabasePath() {
        PostgresEndpoint endpoint = PostgresEndpoint.parse("postgresql://u:p@host/somedb");

        assertEquals(new PostgresEndpoint("host", 5432, "u", "p"), endpoint);
    }

    @Test
    void buildsJdbcUrlForOneDatabase() {
        PostgresEndpoint endpoint = new PostgresEndpoint("127.0.0.1", 5433, "postgres", "");

        assertEquals("jdbc:postgresql://127.0.0.1:5433/cellbet_cell_test",
                endpoint.jdbcUrl("cellbet_cell_test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Cellbet", "cell-test", "x; DROP DATABASE postgres", "a b", "é"})
    void rejectsDatabaseNamesOutsideLowercaseAlphabet(String name) {
        PostgresEndpoint endpoint = new PostgresEndpoint("127.0.0.1", 1, "postgres", "");

        assertThrows(IllegalArgumentException.class, () -> endpoint.createDatabaseIfMissing(name));
        assertThrows(IllegalArgumentException.class, () -> endpoint.dropDatabaseIfExists(name));
        assertThrows(IllegalArgumentException.class, () -> endpoint.jdbcUrl(name));
    }

    @Test
    void rejectsDatabaseNameLongerThanPostgresIdentifierLimit() {
        PostgresEndpoint endpoint = new PostgresEndpoint("127.0.0.1", 1, "postgres", "");

        assertThrows(IllegalArgumentException.class, () -> endpoint.jdbcUrl("a".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://root@host:3306", "postgresql://host:5432", "postgresql://u@:5432",
            "not a url"})
    void rejectsMalformedPostgresUrls(String url) {
        assertThrows(IllegalArgumentException.class, () -> PostgresEndpoint.parse(url));
    }

    @Test
    void roundTripsBrokerUrlWithDefaultVirtualHost() {
        BrokerEndpoint endpoint = BrokerEndpoint.parse("amqp://guest:guest@127.0.0.1:5672/%2f", true);

        assertEquals(new BrokerEndpoint("127.0.0.1", 5672, "guest", "guest", "/", true), endpoint);
        assertEquals("amqp://guest:guest@127.0.0.1:5672/%2f", endpoint.url());
    }

    @Test
    void treatsMissingBrokerPathAsDefaultVirtualHost() {
        assertEquals("/", BrokerEndpoint.parse("amqp://u:p@h:5672", true).virtualHost());
        assertEquals("/", BrokerEndpoint.parse("amqp://u:p@h:5672/", true).virtualHost());
        assertEquals("/", BrokerEndpoint.parse("amqp://u:p@h:5672/%2F", true).virtualHost());
    }

    @Test
    void decodesNamedVirtualHostAndRoundTripsIt() {
        BrokerEndpoint endpoint = BrokerEndpoint.parse("amqp://u:s%3Acret@mq:5673/cell%2Feu-1", false);

        assertEquals("cell/eu-1", endpoint.virtualHost());
        assertEquals("s:cret", endpoint.password());
        assertFalse(endpoint.quorumQueues());
        assertEquals(endpoint, BrokerEndpoint.parse(endpoint.url(), false));
    }

    @Test
    void defaultsBrokerCredentialsAndPortLikeRabbitMq() {
        assertEquals(new BrokerEndpoint("mq", 5672, "guest", "guest", "/", true),
                BrokerEndpoint.parse("amqp://mq", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqps://u:p@h:5671/%2f", "http://h", "amqp:///%2f", "amqp://h/a/b"})
    void rejectsBrokerUrlsItCannotRepresent(String url) {
        assertThrows(IllegalArgumentException.class, () -> BrokerEndpoint.parse(url, true));
    }

    @Test
    void keepsPasswordsOutOfToString() {
        String pg = PostgresEndpoint.parse("postgresql://app:topsecret@h:5432").toString();
        String mq = BrokerEndpoint.parse("amqp://app:topsecret@h:5672/%2f", true).toString();

        assertFalse(pg.contains("topsecret"), pg);
        assertFalse(mq.contains("topsecret"), mq);
        assertTrue(mq.contains("quorumQueues=true"), mq);
    }
}
