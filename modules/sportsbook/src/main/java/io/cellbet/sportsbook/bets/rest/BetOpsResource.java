package io.cellbet.sportsbook.bets.rest;

import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import io.cellbet.sportsbook.bets.application.BetQueries;
import io.cellbet.sportsbook.bets.application.BetViews;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Traders' and ops' view of the cell's bets ({@code /api/bets}, ops token required): bets, settlement, stake factors. */
@Path("/api/bets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Bets (ops)")
public class BetOpsResource {

    static final BigDecimal STAKE_FACTOR_MAX = new BigDecimal("100");

    private final BetBook book;
    private final BetQueries queries;
    private final Clock clock;

    public BetOpsResource(BetBook book, BetQueries queries, Clock clock) {
        this.book = book;
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @Path("/{betId}")
    @Operation(summary = "Any bet of the cell, with its legs and settlement")
    @APIResponse(responseCode = "404", description = "UNKNOWN_BET")
    public BetViews.BetView bet(@PathParam("betId") String betId) {
        UUID id = BetResource.uuid("betId", betId);
        return book.find(id).map(bet -> queries.views(List.of(bet)).get(0))
                .orElseThrow(() -> ProblemException.notFound("UNKNOWN_BET", "The cell has no bet " + betId + "."));
    }

    @GET
    @Path("/settlement-jobs")
    @Operation(summary = "Settlement jobs from the feed, newest first: bets done, when written, started and finished")
    public List<BetBook.JobView> jobs(@QueryParam("event") String event, @QueryParam("limit") String limit) {
        return book.jobs(event, QueryParameters.count("limit", limit, 50, 1, 500));
    }

    /** A player's stake factor: their maximum stake is the sport's times this. */
    public record StakeFactor(BigDecimal stakeFactor) {
    }

    @PUT
    @Path("/players/{playerId}/stake-factor")
    @Operation(summary = "Set a player's stake factor (0 stops their bets, 0.5 halves their maximum stake)")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST: a factor from 0 to 100")
    public Map<String, Object> setStakeFactor(@PathParam("playerId") String playerId, StakeFactor body) {
        UUID player = BetResource.uuid("playerId", playerId);
        if (body == null || body.stakeFactor() == null || body.stakeFactor().signum() < 0
                || body.stakeFactor().compareTo(STAKE_FACTOR_MAX) > 0 || body.stakeFactor().scale() > 4) {
            throw ProblemException.badRequest("INVALID_REQUEST", "The stake factor is from 0 to 100.",
                    List.of(new Problem.FieldError("stakeFactor", "must be from 0 to 100, at most 4 decimals")));
        }
        book.setStakeFactor(player, body.stakeFactor(), clock.instant());
        return Map.of("playerId", player, "stakeFactor", body.stakeFactor());
    }
}
