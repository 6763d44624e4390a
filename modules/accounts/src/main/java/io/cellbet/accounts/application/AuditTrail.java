package io.cellbet.accounts.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.accounts.persistence.Players;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * Records every change to a player: who (a player id, {@code ops:<name>} or {@code system}),
 * when, why, and the state before and after as JSON. Written in the transaction of the change,
 * so there is no change without its record and no record without its change.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor of changes the cell makes by itself, such as a lockout. */
    public static final String SYSTEM = "system";

    private final Players players;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditTrail(Players players, ObjectMapper json, Clock clock) {
        this.players = players;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID playerId, String brand, String action, String actor, String reason, Object before,
            Object after) {
        players.appendAudit(playerId, brand, action, actor, reason, toJson(before), toJson(after), clock.instant());
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state is not serialisable: " + state.getClass(), e);
        }
    }
}
