package io.cellbet.ops.bench.feed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.feed.api.uof.FeedWriter;
import io.cellbet.feed.api.uof.RoutingKey;
import io.cellbet.localinfra.PostgresEndpoint;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The adapter's throughput: a burst of valid UOF {@code odds_change} messages on the provider's exchange, as fast as
 * the broker takes them, and the time until every cell has applied all of them (their inbox holds a row per
 * {@code platform.feed} message its catalog applied, consumer {@value #INBOX_CONSUMER}).
 */
final class AdapterBurst {

    /** The cells' catalog consumer in {@code messaging.inbox}. */
    static final String INBOX_CONSUMER = "cell.feed";
    private static final long POLL_MS = 100;

    private AdapterBurst() {
    }

    /** What the burst measured. */
    record Result(int messages, double publishSeconds, double appliedSeconds, double messagesPerSecond) {
    }

    /**
     * The burst: {@code count} odds changes over {@code events} events ({@code sr:match:<firstEvent>} onwards), each
     * a live market with three outcomes, timestamps rising by 1 ms per message so every one is newer than the last.
     */
    static List<byte[]> messages(int count, long firstEvent, int events, long firstTimestamp) {
        FeedWriter writer = new FeedWriter();
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(writer.write(oddsChange(i, firstEvent, events, firstTimestamp)));
        }
        return bodies;
    }

    static FeedMessage.OddsChange oddsChange(int i, long firstEvent, int events, long firstTimestamp) {
        String eventId = "sr:match:" + (firstEvent + i % events);
        return new FeedMessage.OddsChange(1, eventId, firstTimestamp + i, null,
                new FeedMessage.SportEventStatus(1, 6, BigDecimal.ONE, BigDecimal.ZERO, "12:00", List.of()), null,
                null, List.of(new FeedMessage.OddsMarket(1, "", null, 1, 1, null, List.of(
                        new FeedMessage.OddsOutcome("1", BigDecimal.valueOf(150 + i % 100, 2), null, true),
                        new FeedMessage.OddsOutcome("2", new BigDecimal("3.40"), null, true),
                        new FeedMessage.OddsOutcome("3", new BigDecimal("4.20"), null, true)))));
    }

    static String routingKey(int i, long firstEvent, int events) {
        return RoutingKey.forEvent(oddsChange(i, firstEvent, events, 0), true, true, OddsChanges.SPORT_ID).toString();
    }

    /**
     * Publishes the burst to {@code exchange} and waits until each database in {@code cellDatabases} has applied
     * {@code count} more {@code OddsChanged} messages than before.
     */
    static Result run(String amqpUrl, String exchange, PostgresEndpoint postgres, List<String> cellDatabases,
            int count, long firstEvent, int events, Duration timeout) throws Exception {
        List<byte[]> bodies = messages(count, firstEvent, events, System.currentTimeMillis() - count);
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(routingKey(i, firstEvent, events));
        }
        long[] before = new long[cellDatabases.size()];
        for (int c = 0; c < before.length; c++) {
            before[c] = applied(postgres, cellDatabases.get(c));
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI.create(amqpUrl));
        long start;
        long published;
        try (Connection connection = factory.newConnection("feed-bench-adapter-burst")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            channel.confirmSelect();
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                channel.basicPublish(exchange, keys.get(i), null, bodies.get(i));
            }
            channel.waitForConfirmsOrDie(timeout.toMillis());
            published = System.nanoTime();
        }
        long deadline = start + timeout.toNanos();
        for (int c = 0; c < before.length; c++) {
            while (applied(postgres, cellDatabases.get(c)) - before[c] < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(cellDatabases.get(c) + " applied "
                            + (applied(postgres, cellDatabases.get(c)) - before[c]) + " of the " + count
                            + " odds changes within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(POLL_MS);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(count, (published - start) / 1e9, seconds, count / seconds);
    }

    /** {@code OddsChanged} messages the cell's catalog has applied. */
    static long applied(PostgresEndpoint postgres, String database) throws SQLException {
        try (java.sql.Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database),
                postgres.username(), postgres.password());
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND type = 'OddsChanged'")) {
            count.setString(1, INBOX_CONSUMER);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
