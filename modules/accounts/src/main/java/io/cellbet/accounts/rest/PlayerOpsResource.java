package io.cellbet.accounts.rest;

import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.persistence.Players;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Players of this cell for ops: {@code /api/accounts/players}. */
@Path("/api/accounts/players")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Players (ops)")
public class PlayerOpsResource {

    public static final int AUDIT_PAGE_MAX = 200;

    private final Players players;

    public PlayerOpsResource(Players players) {
        this.players = players;
    }

    /** One audit record: the state before and after are JSON text as recorded. */
    public record AuditLine(long id, String action, String actor, String reason, String before, String after,
            Instant occurredAt) {
    }

    /** A page of audit records, newest first; {@code nextBefore} fetches the next page. */
    public record AuditPage(List<AuditLine> records, Long nextBefore) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A player of this cell")
    @APIResponse(responseCode = "404", description = "UNKNOWN_PLAYER")
    public Player player(@PathParam("id") String id) {
        return players.find(playerId(id)).orElseThrow(() -> unknownPlayer(id)).player();
    }

    @GET
    @Path("/{id}/audit")
    @Operation(summary = "Who changed what of the player, when and why, newest first")
    @APIResponse(responseCode = "400", description = "invalid-parameter (limit above " + AUDIT_PAGE_MAX + ")")
    @APIResponse(responseCode = "404", description = "UNKNOWN_PLAYER")
    public AuditPage audit(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("before") String before) {
        UUID playerId = playerId(id);
        int pageSize = QueryParameters.count("limit", limit, 50, 1, AUDIT_PAGE_MAX);
        long beforeId = QueryParameters.wholeNumber("before", before, Long.MAX_VALUE, 1, Long.MAX_VALUE);
        if (players.find(playerId).isEmpty()) {
            throw unknownPlayer(id);
        }
        List<AuditLine> lines = players.audit(playerId, beforeId, pageSize).stream()
                .map(r -> new AuditLine(r.id(), r.action(), r.actor(), r.reason(), r.before(), r.after(),
                        r.occurredAt()))
                .toList();
        return new AuditPage(lines, lines.size() == pageSize ? lines.get(lines.size() - 1).id() : null);
    }

    private static UUID playerId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknownPlayer(id);
        }
    }

    private static ProblemException unknownPlayer(String id) {
        return ProblemException.notFound("UNKNOWN_PLAYER", "No player " + id + " lives in this cell.");
    }
}
