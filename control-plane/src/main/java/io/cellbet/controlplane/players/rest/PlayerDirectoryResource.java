package io.cellbet.controlplane.players.rest;

import io.cellbet.controlplane.brands.application.Brands;
import io.cellbet.controlplane.cells.application.Cell;
import io.cellbet.controlplane.cells.application.CellRegistry;
import io.cellbet.controlplane.players.application.PlayerDirectory;
import io.cellbet.contracts.config.OpsKey;
import io.cellbet.controlplane.ops.rest.OpsAccess;
import io.cellbet.controlplane.players.application.PlayerOps;
import io.cellbet.controlplane.players.application.PlayerRouting;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import io.cellbet.platform.security.OpsTokenVerifier;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The player directory and the routing of new players: {@code /api/players}. A brand's entry
 * point asks where a new player registers, and where a returning player's login name lives.
 */
@Path("/api/players")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Players")
public class PlayerDirectoryResource {

    private static final int NAME_LENGTH_MAX = 254;

    private final PlayerDirectory directory;
    private final PlayerRouting routing;
    private final CellRegistry registry;
    private final Brands brands;
    private final PlayerOps ops;
    private final OpsAccess access;

    public PlayerDirectoryResource(PlayerDirectory directory, PlayerRouting routing, CellRegistry registry,
            Brands brands, PlayerOps ops, OpsAccess access) {
        this.ops = ops;
        this.access = access;
        this.directory = directory;
        this.routing = routing;
        this.registry = registry;
        this.brands = brands;
    }

    /** Where to place a new player: the brand, and optionally the region the player is in. */
    public record RouteRequest(String brand, String region) {
    }

    /** Where a player lives. */
    public record Located(UUID playerId, String brand, String cellId, String baseUrl, Instant registeredAt) {
    }

    @POST
    @Path("/route")
    @Operation(summary = "The cell a new player of the brand registers with")
    @APIResponse(responseCode = "200", description = "{cellId, baseUrl, region}")
    @APIResponse(responseCode = "400", description = "invalid-request")
    @APIResponse(responseCode = "404", description = "brand-not-found")
    @APIResponse(responseCode = "503", description = "no-cell-available: no cell up, serving the brand and open")
    public PlayerRouting.Route route(RouteRequest body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.brand() == null || body.brand().isBlank()) {
            errors.add(new Problem.FieldError("brand", "is required"));
        }
        if (body != null && body.region() != null && (body.region().isBlank() || body.region().length() > 64)) {
            errors.add(new Problem.FieldError("region", "must be 1-64 characters when given"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-request", "The request has invalid fields.", errors);
        }
        if (brands.find(body.brand()).isEmpty()) {
            throw ProblemException.notFound("brand-not-found", "No brand " + body.brand() + ".");
        }
        return routing.route(body.brand(), body.region()).orElseThrow(() -> new ProblemException(Problem.of(503,
                "no-cell-available", "No cell available", "No cell that is up and open to new players serves brand "
                        + body.brand() + ".", null)));
    }

    @GET
    @Path("/resolve")
    @Operation(summary = "The cell of the brand's player with this e-mail or username (as typed at login)")
    @APIResponse(responseCode = "404", description = "player-not-found")
    public Located resolve(@QueryParam("brand") String brand, @QueryParam("login") String login) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (brand == null || brand.isBlank()) {
            errors.add(new Problem.FieldError("brand", "is required"));
        }
        if (login == null || login.isBlank() || login.length() > NAME_LENGTH_MAX) {
            errors.add(new Problem.FieldError("login", "is required, at most " + NAME_LENGTH_MAX + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-parameter", "Query parameters are invalid.", errors);
        }
        return directory.findByLoginName(brand, login).map(this::located)
                .orElseThrow(() -> ProblemException.notFound("player-not-found",
                        "No player of brand " + brand + " has this login name."));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A player's cell")
    @APIResponse(responseCode = "404", description = "player-not-found")
    public Located find(@PathParam("id") String id) {
        return directory.find(playerId(id)).map(this::located).orElseThrow(() -> playerNotFound(id));
    }

    /** A status change by ops: {@code suspended} or {@code active}, and why. Who is the ops token's user. */
    public record StatusChange(String status, String reason) {
    }

    @GET
    @Path("/{id}/profile")
    @Operation(summary = "The player as their cell holds them now (asked over HTTP)")
    @APIResponse(responseCode = "401", description = "token-required or invalid-token (an ops token)")
    @APIResponse(responseCode = "404", description = "player-not-found")
    @APIResponse(responseCode = "502", description = "cell-unreachable")
    public Response profile(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.require(authorization, OpsKey.ROLE_OPS);
        return fromCell(id, "");
    }

    @GET
    @Path("/{id}/audit")
    @Operation(summary = "The player's audit trail, from their cell (limit 1-200, before = record id)")
    @APIResponse(responseCode = "404", description = "player-not-found")
    @APIResponse(responseCode = "502", description = "cell-unreachable")
    public Response audit(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("before") String before, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.require(authorization, OpsKey.ROLE_OPS);
        int pageSize = QueryParameters.count("limit", limit, 50, 1, 200);
        Long beforeId = before == null ? null : QueryParameters.wholeNumber("before", before, 0, 1, Long.MAX_VALUE);
        return fromCell(id, "/audit?limit=" + pageSize + (beforeId == null ? "" : "&before=" + beforeId));
    }

    @POST
    @Path("/{id}/status")
    @Operation(summary = "Suspend or reinstate a player: queued for their cell, which audits who and why")
    @APIResponse(responseCode = "202", description = "Queued for the player's cell")
    @APIResponse(responseCode = "400", description = "invalid-request")
    @APIResponse(responseCode = "404", description = "player-not-found")
    public Response setStatus(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, StatusChange body) {
        OpsTokenVerifier.OpsUser user = access.require(authorization, OpsKey.ROLE_OPS);
        UUID playerId = playerId(id);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || !List.of("suspended", "active").contains(body.status())) {
            errors.add(new Problem.FieldError("status", "must be suspended or active"));
        }
        if (body == null || body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            errors.add(new Problem.FieldError("reason", "is required, at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-request", "The request has invalid fields.", errors);
        }
        if (!ops.setStatus(playerId, body.status(), "ops:" + user.username(), body.reason())) {
            throw playerNotFound(id);
        }
        return Response.accepted().build();
    }

    private Response fromCell(String id, String path) {
        UUID playerId = playerId(id);
        PlayerOps.CellAnswer answer;
        try {
            answer = ops.askCell(playerId, path).orElseThrow(() -> playerNotFound(id));
        } catch (PlayerOps.CellUnreachable e) {
            throw new ProblemException(Problem.of(502, "cell-unreachable", "Cell unreachable", e.getMessage(), null));
        }
        return Response.status(answer.status()).type(answer.status() < 400 ? MediaType.APPLICATION_JSON
                : Problem.MEDIA_TYPE).entity(answer.body()).build();
    }

    private static UUID playerId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw playerNotFound(id);
        }
    }

    private static ProblemException playerNotFound(String id) {
        return ProblemException.notFound("player-not-found", "No player " + id + ".");
    }

    private Located located(PlayerDirectory.Entry entry) {
        String baseUrl = registry.find(entry.cellId()).map(Cell::baseUrl).orElse(null);
        return new Located(entry.playerId(), entry.brand(), entry.cellId(), baseUrl, entry.registeredAt());
    }
}
