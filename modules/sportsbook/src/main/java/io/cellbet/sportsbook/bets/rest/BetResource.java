package io.cellbet.sportsbook.bets.rest;

import io.cellbet.accounts.api.PlayerSessions;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.ProblemMappers;
import io.cellbet.platform.problem.QueryParameters;
import io.cellbet.platform.web.RequestContexts;
import io.cellbet.sportsbook.bets.application.BetPlacement;
import io.cellbet.sportsbook.bets.application.BetQueries;
import io.cellbet.sportsbook.bets.application.BetViews;
import io.cellbet.sportsbook.bets.application.CashOuts;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.sportsbook.bets.domain.PlacementRules;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The logged-in player's bets: {@code /api/brands/{brand}/players/me/bets}. A placement answers the bet (201 open,
 * 202 pending during a live delay, 200 when the key was placed before) or a problem naming why it was refused.
 */
@Path("/api/brands/{brand}/players/me/bets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Bets")
public class BetResource {

    public static final int PAGE_SIZE_MAX = 100;

    private final PlayerSessions sessions;
    private final BetPlacement placement;
    private final BetQueries queries;
    private final CashOuts cashOuts;

    public BetResource(PlayerSessions sessions, BetPlacement placement, BetQueries queries, CashOuts cashOuts) {
        this.sessions = sessions;
        this.placement = placement;
        this.queries = queries;
        this.cashOuts = cashOuts;
    }

    @POST
    @Operation(summary = "Place a bet: single, accumulator or system, with an idempotency key")
    @APIResponse(responseCode = "201", description = "Accepted: the bet is open")
    @APIResponse(responseCode = "202", description = "Pending: a bet with a live leg waits for the sport's live delay, "
            + "then is accepted or rejected (read it again, or watch the player's websocket)")
    @APIResponse(responseCode = "200", description = "The key was placed before with this slip: the bet as it stands")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST naming each invalid field (type, system, stake, "
            + "odds policy, too many or too few selections, two selections on one event, malformed JSON)")
    @APIResponse(responseCode = "401", description = "TOKEN_REQUIRED or INVALID_TOKEN")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_REUSED: the key was used for another slip")
    @APIResponse(responseCode = "422", description = "The bet was refused, the code naming why: PLAYER_RESTRICTED, "
            + "NO_WALLET, UNKNOWN_SELECTION, MARKET_SUSPENDED, EVENT_STARTED, ODDS_CHANGED, STAKE_TOO_LOW, "
            + "STAKE_TOO_HIGH, PAYOUT_TOO_HIGH, LIABILITY_CAP, INSUFFICIENT_FUNDS, WALLET_BUSY, CELL_BUSY, "
            + "INTERRUPTED")
    public CompletionStage<Response> place(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, BetBodies.Place body) {
        // On the request's event loop: the body was read there, the checks are in memory, and the bet writer answers
        // back on it. No worker thread waits for the writer, nor for the body.
        UUID player = sessions.authenticatedPlayer(brand, authorization);
        if (body == null) {
            throw ProblemException.badRequest("INVALID_REQUEST", "A bet slip is required.",
                    List.of(new Problem.FieldError("body", "is required")));
        }
        List<PlacementRules.RawSelection> selections = new ArrayList<>();
        if (body.selections() != null) {
            for (BetBodies.Selection selection : body.selections()) {
                selections.add(selection == null ? null : new PlacementRules.RawSelection(selection.eventId(),
                        selection.marketTypeId(), selection.specifiers(), selection.outcomeId(), selection.odds()));
            }
        }
        PlacementRules.Checked checked = PlacementRules.check(body.idempotencyKey(), body.type(), body.system(),
                body.stakeMinor(), body.oddsPolicy(), selections);
        if (checked.slip().isEmpty()) {
            throw ProblemException.badRequest("INVALID_REQUEST", "The bet slip is invalid.", checked.errors());
        }
        return RequestContexts.resume(placement.place(brand, player, checked.slip().get()))
                .thenCompose(outcome -> answer(brand, outcome));
    }

    /** What a placement answers: the bet as it stands, or the problem naming why it was refused. */
    private CompletionStage<Response> answer(String brand, BetPlacement.Outcome outcome) {
        if (outcome instanceof BetPlacement.Outcome.Refused refused) {
            return problem(refusal(refused.reason().name(), refused.detail()));
        }
        if (outcome instanceof BetPlacement.Outcome.KeyReused reused) {
            return problem(ProblemException.conflict("IDEMPOTENCY_KEY_REUSED", "The key placed bet "
                    + reused.betId() + " with another slip.", List.of(new Problem.FieldError("idempotencyKey",
                            "was used before"))));
        }
        BetPlacement.Outcome.Placed placed = (BetPlacement.Outcome.Placed) outcome;
        if (!placed.replayed()) {
            return CompletableFuture.completedFuture(respond(brand, queries.justPlaced(placed.bet()), false));
        }
        // A bet placed before may have been settled since: its view reads its legs' results.
        return RequestContexts.blocking(() -> queries.views(List.of(placed.bet())).get(0))
                .thenApply(bet -> respond(brand, bet, true));
    }

    /** The bet's answer: 201 (202 pending, 200 replayed), or its refusal if its stake was refused. */
    private static Response respond(String brand, BetViews.BetView bet, boolean replayed) {
        if ("rejected".equals(bet.status())) {
            return ProblemMappers.answer(refusal(bet.reason(), "Bet " + bet.id() + " was rejected: " + bet.reason()
                    + "."));
        }
        URI location = URI.create("/api/brands/" + brand + "/players/me/bets/" + bet.id());
        if (replayed) {
            return Response.ok(bet).location(location).build();
        }
        return Response.status("pending".equals(bet.status()) ? 202 : 201).location(location).entity(bet).build();
    }

    private static CompletionStage<Response> problem(ProblemException problem) {
        return CompletableFuture.completedFuture(ProblemMappers.answer(problem));
    }

    @GET
    @Operation(summary = "The player's bets, newest first: open (placing, pending, open) or settled (and the rest)")
    @APIResponse(responseCode = "400", description = "invalid-parameter: status open|settled, limit 1-"
            + PAGE_SIZE_MAX + ", before a bet id")
    public BetBodies.BetPage list(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("before") String before) {
        UUID player = sessions.authenticatedPlayer(brand, authorization);
        if (status != null && !status.equals("open") && !status.equals("settled")) {
            throw ProblemException.badRequest("invalid-parameter", "status is open or settled.",
                    List.of(new Problem.FieldError("status", "must be open or settled")));
        }
        int pageSize = QueryParameters.count("limit", limit, 20, 1, PAGE_SIZE_MAX);
        UUID beforeId = before == null ? null : uuid("before", before);
        List<BetViews.BetView> bets = queries.page(player, !"settled".equals(status), beforeId, pageSize);
        return new BetBodies.BetPage(bets, bets.size() == pageSize ? bets.get(bets.size() - 1).id() : null);
    }

    @GET
    @Path("/{betId}")
    @Operation(summary = "One of the player's bets with its legs and settlement")
    @APIResponse(responseCode = "404", description = "UNKNOWN_BET: not a bet of this player")
    public BetViews.BetView bet(@PathParam("brand") String brand, @PathParam("betId") String betId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        UUID player = sessions.authenticatedPlayer(brand, authorization);
        UUID id = uuid("betId", betId);
        return queries.bet(player, id).orElseThrow(() -> ProblemException.notFound("UNKNOWN_BET",
                "The player has no bet " + betId + "."));
    }

    @GET
    @Path("/{betId}/cashout")
    @Operation(summary = "The bet's cash-out offer now: its whole value, or why there is none")
    @APIResponse(responseCode = "404", description = "UNKNOWN_BET")
    public CashOuts.Offer offer(@PathParam("brand") String brand, @PathParam("betId") String betId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return cashOuts.offer(own(brand, betId, authorization));
    }

    @POST
    @Path("/{betId}/cashout")
    @Operation(summary = "Cash out the bet, whole or in part, at the value offered")
    @APIResponse(responseCode = "200", description = "Done: the amount paid and the bet, cashed_out or reduced")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST (valueMinor missing) or INVALID_AMOUNT")
    @APIResponse(responseCode = "404", description = "UNKNOWN_BET")
    @APIResponse(responseCode = "409", description = "CASHOUT_VALUE_CHANGED: the value is no longer the one offered; "
            + "the detail gives the new one")
    @APIResponse(responseCode = "422", description = "BET_NOT_OPEN or CASHOUT_UNAVAILABLE")
    public BetBodies.CashedOut cashOut(@PathParam("brand") String brand, @PathParam("betId") String betId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, BetBodies.CashOut body) {
        BetBook.StoredBet bet = own(brand, betId, authorization);
        if (body == null || body.valueMinor() == null) {
            throw ProblemException.badRequest("INVALID_REQUEST", "Name the value offered.",
                    List.of(new Problem.FieldError("valueMinor", "is required: the value of the offer accepted")));
        }
        CashOuts.Outcome outcome = cashOuts.cashOut(bet.id(), body.valueMinor(), body.amountMinor());
        if (outcome instanceof CashOuts.Outcome.Refused refused) {
            int status = switch (refused.refusal()) {
                case CASHOUT_VALUE_CHANGED -> 409;
                case INVALID_AMOUNT -> 400;
                default -> 422;
            };
            throw new ProblemException(Problem.of(status, refused.refusal().name(), "Cash-out refused",
                    refused.detail(), null));
        }
        CashOuts.Outcome.Done done = (CashOuts.Outcome.Done) outcome;
        return new BetBodies.CashedOut(done.paidMinor(), queries.views(List.of(done.bet())).get(0));
    }

    private BetBook.StoredBet own(String brand, String betId, String authorization) {
        UUID player = sessions.authenticatedPlayer(brand, authorization);
        UUID id = uuid("betId", betId);
        return queries.stored(player, id).orElseThrow(() -> ProblemException.notFound("UNKNOWN_BET",
                "The player has no bet " + betId + "."));
    }

    static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", field + " is a bet id.",
                    List.of(new Problem.FieldError(field, "must be a bet id (UUID)")));
        }
    }

    static ProblemException refusal(String code, String detail) {
        return new ProblemException(Problem.of(422, code, "Bet refused", detail, null));
    }
}
