package io.cellbet.controlplane.players.application;

import io.cellbet.contracts.accounts.ExcludePerson;
import io.cellbet.contracts.accounts.PersonSelfExcluded;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Self-exclusions across brands. A person who excluded themself in one brand is excluded in every
 * brand of the operator: the exclusion is kept here by person digest, and {@code ExcludePerson}
 * goes (through the outbox) to every cell holding an account of that person, now and whenever the
 * person opens another account while the exclusion lasts. Only a longer exclusion replaces a
 * shorter one.
 */
@ApplicationScoped
public class PersonExclusions {

    private final Sql sql;
    private final Outbox outbox;
    private final Broker broker;

    public PersonExclusions(Sql sql, Outbox outbox, Broker broker) {
        this.sql = sql;
        this.outbox = outbox;
        this.broker = broker;
    }

    void onStart(@Observes StartupEvent event) {
        // The relay publishes commands there: it must exist even before any cell has bound its queue.
        broker.declareTopicExchange(Exchanges.CELL_COMMANDS);
    }

    private record Exclusion(String personDigest, Instant excludedUntil, boolean permanent, String sourceBrand,
            UUID sourcePlayerId, Instant excludedAt) {
    }

    /** A cell reported a self-exclusion: keep it, and tell every cell holding the person. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void excluded(PersonSelfExcluded event) {
        int kept = sql.update("""
                INSERT INTO players.exclusions (person_digest, excluded_until, permanent, source_brand, source_player_id,
                    excluded_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_digest) DO UPDATE SET excluded_until = EXCLUDED.excluded_until,
                    permanent = EXCLUDED.permanent, source_brand = EXCLUDED.source_brand,
                    source_player_id = EXCLUDED.source_player_id, excluded_at = EXCLUDED.excluded_at
                WHERE NOT players.exclusions.permanent AND (EXCLUDED.permanent
                    OR EXCLUDED.excluded_until > players.exclusions.excluded_until)""",
                event.personDigest(), event.permanent() ? null : event.excludedUntil(), event.permanent(),
                event.brand(), event.playerId(), event.excludedAt());
        if (kept == 0) {
            return;
        }
        Exclusion exclusion = find(event.personDigest()).orElseThrow();
        List<String> cells = sql.list("SELECT DISTINCT cell_id FROM players.directory WHERE person_digest = ? "
                + "ORDER BY cell_id", row -> row.getString(1), event.personDigest());
        for (String cell : cells) {
            send(cell, exclusion);
        }
    }

    /** A person registered a new account: if they are excluded, so is the new account. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(String cellId, String personDigest) {
        find(personDigest).filter(exclusion -> exclusion.permanent() || exclusion.excludedUntil().isAfter(Instant.now()))
                .ifPresent(exclusion -> send(cellId, exclusion));
    }

    private Optional<Exclusion> find(String personDigest) {
        return sql.one("SELECT * FROM players.exclusions WHERE person_digest = ?", row -> new Exclusion(
                row.getString("person_digest"), Sql.instant(row, "excluded_until"), row.getBoolean("permanent"),
                row.getString("source_brand"), row.getObject("source_player_id", UUID.class),
                Sql.instant(row, "excluded_at")), personDigest);
    }

    private void send(String cellId, Exclusion exclusion) {
        outbox.append(new OutboxMessage(Exchanges.CELL_COMMANDS,
                Exchanges.cellCommandRoutingKey(cellId, ExcludePerson.TYPE), "person", exclusion.personDigest(),
                ExcludePerson.TYPE, ExcludePerson.SCHEMA_VERSION, new ExcludePerson(exclusion.personDigest(),
                        exclusion.excludedUntil(), exclusion.permanent(), exclusion.sourceBrand(),
                        exclusion.sourcePlayerId(), exclusion.excludedAt()), null));
    }
}
