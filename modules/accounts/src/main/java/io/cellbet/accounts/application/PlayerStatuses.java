package io.cellbet.accounts.application;

import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.persistence.Players;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Ops suspend and reinstate players; a suspended player cannot log in, and their sessions end. */
@ApplicationScoped
public class PlayerStatuses {

    /** Statuses ops may set. */
    public static final List<String> SETTABLE = List.of("active", "suspended");

    private final Players players;
    private final AuditTrail audit;
    private final Clock clock;

    public PlayerStatuses(Players players, AuditTrail audit, Clock clock) {
        this.players = players;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sets the status (in the caller's transaction); false when the player does not live here. */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean set(UUID playerId, String status, String actor, String reason) {
        if (!SETTABLE.contains(status)) {
            throw new IllegalArgumentException("ops may set status " + SETTABLE + ", not " + status);
        }
        Optional<Players.StoredPlayer> found = players.lock(playerId);
        if (found.isEmpty()) {
            return false;
        }
        Player before = found.get().player();
        if (before.status().equals(status) || "closed".equals(before.status())) {
            return true;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        players.updateStatus(playerId, status, now);
        if ("suspended".equals(status)) {
            players.revokePlayerSessions(playerId, now, "suspended by " + actor);
        }
        audit.record(playerId, before.brand(), "suspended".equals(status) ? "suspended" : "reinstated", actor, reason,
                Map.of("status", before.status()), Map.of("status", status));
        return true;
    }
}
