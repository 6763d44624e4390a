package io.cellbet.controlplane.players.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import io.cellbet.contracts.accounts.PersonSelfExcluded;
import io.cellbet.contracts.accounts.PlayerRegistered;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.Envelope;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.inbox.Inbox;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The player directory: which cell holds each player. It is written only from the cells'
 * {@code PlayerRegistered} events (outbox → {@code platform.cell-events} → this consumer's own
 * queue, through the inbox), so registering never waits for the control plane, and a player
 * appears here shortly after their cell committed them.
 */
@ApplicationScoped
public class PlayerDirectory {

    static final String CONSUMER = "control-plane.player-directory";
    public static final String QUEUE = "control-plane.player-directory";

    /** A player's entry. */
    public record Entry(UUID playerId, String brand, String cellId, String country, String currency,
            Instant registeredAt) {
    }

    private final Sql sql;
    private final Inbox inbox;
    private final Broker broker;
    private final ObjectMapper json;
    private final PersonExclusions exclusions;

    public PlayerDirectory(Sql sql, Inbox inbox, Broker broker, ObjectMapper json, PersonExclusions exclusions) {
        this.exclusions = exclusions;
        this.sql = sql;
        this.inbox = inbox;
        this.broker = broker;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        inbox.subscribe(CONSUMER, QUEUE, channel -> {
            channel.exchangeDeclare(Exchanges.CELL_EVENTS, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(QUEUE, true, false, false, broker.durableQueueArguments());
            channel.queueBind(QUEUE, Exchanges.CELL_EVENTS, "cell.*.accounts." + PlayerRegistered.TYPE);
            channel.queueBind(QUEUE, Exchanges.CELL_EVENTS, "cell.*.accounts." + PersonSelfExcluded.TYPE);
        }, this::apply);
    }

    void apply(Envelope envelope) throws JsonProcessingException {
        if (PersonSelfExcluded.TYPE.equals(envelope.type())) {
            exclusions.excluded(json.treeToValue(envelope.payload(), PersonSelfExcluded.class));
            return;
        }
        if (!PlayerRegistered.TYPE.equals(envelope.type())) {
            return;
        }
        PlayerRegistered registered = json.treeToValue(envelope.payload(), PlayerRegistered.class);
        sql.update("""
                INSERT INTO players.directory (player_id, brand, cell_id, country, currency, person_digest,
                    registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (player_id) DO NOTHING""",
                registered.playerId(), registered.brand(), registered.cellId(), registered.country(),
                registered.currency(), registered.personDigest(), registered.registeredAt());
        if (registered.personDigest() != null) {
            exclusions.registered(registered.cellId(), registered.personDigest());
        }
        if (registered.loginNameDigests() != null) {
            for (String digest : registered.loginNameDigests()) {
                sql.update("INSERT INTO players.login_names (brand, digest, player_id) VALUES (?, ?, ?) "
                        + "ON CONFLICT (brand, digest) DO NOTHING", registered.brand(), digest, registered.playerId());
            }
        }
    }

    public Optional<Entry> find(UUID playerId) {
        return sql.one("SELECT * FROM players.directory WHERE player_id = ?", PlayerDirectory::entry, playerId);
    }

    /** The player of the brand with this e-mail or username, as typed at login (any case). */
    public Optional<Entry> findByLoginName(String brand, String loginName) {
        return sql.one("SELECT d.* FROM players.login_names n JOIN players.directory d ON d.player_id = n.player_id "
                + "WHERE n.brand = ? AND n.digest = ?", PlayerDirectory::entry, brand,
                PlayerRegistered.loginNameDigest(brand, loginName));
    }

    /** How many players each cell holds, for the routing rule's capacities. */
    public long playersIn(String cellId) {
        return sql.one("SELECT count(*) FROM players.directory WHERE cell_id = ?", row -> row.getLong(1), cellId)
                .orElse(0L);
    }

    private static Entry entry(ResultSet row) throws SQLException {
        return new Entry(row.getObject("player_id", UUID.class), row.getString("brand"), row.getString("cell_id"),
                row.getString("country"), row.getString("currency"), Sql.instant(row, "registered_at"));
    }
}
