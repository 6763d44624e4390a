package io.cellbet.controlplane.players.rest;

import io.cellbet.controlplane.brands.application.Brands;
import io.cellbet.controlplane.cells.application.Cell;
import io.cellbet.controlplane.cells.application.CellRegistry;
import io.cellbet.controlplane.players.application.PlayerDirectory;
import io.cellbet.controlplane.players.application.PlayerRouting;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    public PlayerDirectoryResource(PlayerDirectory directory, PlayerRouting routing, CellRegistry registry,
            Brands brands) {
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
        UUID playerId;
        try {
            playerId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("player-not-found", "No player " + id + ".");
        }
        return directory.find(playerId).map(this::located)
                .orElseThrow(() -> ProblemException.notFound("player-not-found", "No player " + id + "."));
    }

    private Located located(PlayerDirectory.Entry entry) {
        String baseUrl = registry.find(entry.cellId()).map(Cell::baseUrl).orElse(null);
        return new Located(entry.playerId(), entry.brand(), entry.cellId(), baseUrl, entry.registeredAt());
    }
}
