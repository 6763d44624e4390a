package io.cellbet.accounts.rest;

import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.application.ResponsibleGambling;
import io.cellbet.accounts.domain.Limit;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The logged-in player's responsible-gambling settings: {@code /api/brands/{brand}/players/me/...}
 * limits, time-out, self-exclusion, session limit and reality check.
 */
@Path("/api/brands/{brand}/players/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Responsible gambling")
public class ResponsibleGamblingResource {

    private final ResponsibleGambling gambling;
    private final PlayerTokens tokens;

    public ResponsibleGamblingResource(ResponsibleGambling gambling, PlayerTokens tokens) {
        this.gambling = gambling;
        this.tokens = tokens;
    }

    /** A limit to set, in minor units of the player's currency. */
    public record LimitRequest(Long amountMinor) {
    }

    /** How a limit change ended: {@code applied} now, or {@code pending} until {@code limit.pendingEffectiveAt}. */
    public record LimitAnswer(String outcome, Limit limit) {
    }

    public record TimeOutRequest(Long hours) {
    }

    public record ExclusionRequest(String period) {
    }

    public record SessionSettings(Integer sessionLimitMinutes, Integer realityCheckMinutes) {
    }

    @GET
    @Path("/limits")
    @Operation(summary = "The player's limits in force and the changes waiting for their cooling-off")
    public List<Limit> limits(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return gambling.limits(player(brand, authorization));
    }

    @PUT
    @Path("/limits/{kind}/{period}")
    @Operation(summary = "Set a deposit, loss or wager limit per day, week or month")
    @APIResponse(responseCode = "200", description = "applied (lower or new: at once) or pending (higher: after the "
            + "cooling-off)")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST")
    public LimitAnswer setLimit(@PathParam("brand") String brand, @PathParam("kind") String kind,
            @PathParam("period") String period, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            LimitRequest body) {
        UUID player = player(brand, authorization);
        List<Problem.FieldError> errors = limitPathErrors(kind, period);
        if (body == null || body.amountMinor() == null || body.amountMinor() <= 0) {
            errors.add(new Problem.FieldError("amountMinor", "is required, a positive whole number of minor units"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return answer(gambling.setLimit(player, kind, period, body.amountMinor()));
    }

    @DELETE
    @Path("/limits/{kind}/{period}")
    @Operation(summary = "Remove a limit after the cooling-off")
    @APIResponse(responseCode = "404", description = "NO_SUCH_LIMIT")
    public LimitAnswer removeLimit(@PathParam("brand") String brand, @PathParam("kind") String kind,
            @PathParam("period") String period, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        UUID player = player(brand, authorization);
        List<Problem.FieldError> errors = limitPathErrors(kind, period);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Limit.Changed changed = gambling.removeLimit(player, kind, period);
        if (changed.change() == Limit.Change.NONE) {
            throw ProblemException.notFound("NO_SUCH_LIMIT", "The player has no " + period + "ly " + kind + " limit.");
        }
        return answer(changed);
    }

    @POST
    @Path("/time-out")
    @Operation(summary = "Take a time-out of 1 hour to 6 weeks: only withdrawals until it ends")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST")
    public Player timeOut(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, TimeOutRequest body) {
        UUID player = player(brand, authorization);
        long maxHours = ResponsibleGambling.TIME_OUT_MAX.toHours();
        if (body == null || body.hours() == null || body.hours() < 1 || body.hours() > maxHours) {
            throw invalid(List.of(new Problem.FieldError("hours", "is required, 1 to " + maxHours)));
        }
        return gambling.timeOut(player, Duration.ofHours(body.hours()));
    }

    @POST
    @Path("/self-exclusion")
    @Operation(summary = "Exclude oneself for 6m, 1y, 5y or permanent, in every brand of the operator")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST")
    public Player selfExclude(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ExclusionRequest body) {
        UUID player = player(brand, authorization);
        if (body == null || !ResponsibleGambling.EXCLUSION_PERIODS.contains(body.period())) {
            throw invalid(List.of(new Problem.FieldError("period", "must be one of "
                    + ResponsibleGambling.EXCLUSION_PERIODS)));
        }
        return gambling.selfExclude(player, body.period());
    }

    @GET
    @Path("/session-settings")
    @Operation(summary = "The session time limit and reality-check interval, in minutes")
    public Map<String, Object> sessionSettings(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return gambling.sessionSettings(player(brand, authorization));
    }

    @PUT
    @Path("/session-settings")
    @Operation(summary = "Set the session time limit (5-1440 min) and reality-check interval (5-240 min); null clears")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST")
    public Map<String, Object> setSessionSettings(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, SessionSettings body) {
        UUID player = player(brand, authorization);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null) {
            errors.add(new Problem.FieldError("body", "is required"));
        } else {
            if (body.sessionLimitMinutes() != null && (body.sessionLimitMinutes() < 5 || body.sessionLimitMinutes() > 1440)) {
                errors.add(new Problem.FieldError("sessionLimitMinutes", "must be 5 to 1440"));
            }
            if (body.realityCheckMinutes() != null && (body.realityCheckMinutes() < 5 || body.realityCheckMinutes() > 240)) {
                errors.add(new Problem.FieldError("realityCheckMinutes", "must be 5 to 240"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        gambling.sessionSettings(player, body.sessionLimitMinutes(), body.realityCheckMinutes());
        return gambling.sessionSettings(player);
    }

    private UUID player(String brand, String authorization) {
        return tokens.holder(brand, authorization).playerId();
    }

    private static List<Problem.FieldError> limitPathErrors(String kind, String period) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!Limit.KINDS.contains(kind)) {
            errors.add(new Problem.FieldError("kind", "must be one of " + Limit.KINDS));
        }
        if (!Limit.PERIODS.contains(period)) {
            errors.add(new Problem.FieldError("period", "must be one of " + Limit.PERIODS));
        }
        return errors;
    }

    private static LimitAnswer answer(Limit.Changed changed) {
        return new LimitAnswer(changed.change() == Limit.Change.PENDING ? "pending" : "applied", changed.limit());
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return ProblemException.badRequest("INVALID_REQUEST", "The request has " + errors.size()
                + " invalid field(s).", errors);
    }
}
