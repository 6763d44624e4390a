package io.cellbet.controlplane.players.rest;

import io.cellbet.contracts.config.OpsKey;
import io.cellbet.controlplane.cells.application.CellRegistry;
import io.cellbet.controlplane.ops.rest.OpsAccess;
import io.cellbet.controlplane.players.application.PlayerRouting;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How new players are routed to a cell: {@code /api/cells/{id}/routing}, set by ops. */
@Path("/api/cells/{id}/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Players")
public class CellRoutingResource {

    private final PlayerRouting routing;
    private final CellRegistry registry;
    private final OpsAccess access;

    public CellRoutingResource(PlayerRouting routing, CellRegistry registry, OpsAccess access) {
        this.routing = routing;
        this.registry = registry;
        this.access = access;
    }

    /** A cell's routing settings as ops set them; {@code capacity} absent means unlimited. */
    public record RoutingSettings(Integer weight, Boolean closedToNewPlayers, Integer capacity) {
    }

    @GET
        @Operation(summary = "How new players are routed to the cell")
    @APIResponse(responseCode = "404", description = "cell-not-found")
    public PlayerRouting.Settings routing(@PathParam("id") String id) {
        cell(id);
        return routing.settings(id);
    }

    @PUT
        @Operation(summary = "Set the cell's weight (0-1000), whether it is closed to new players, and its capacity")
    @APIResponse(responseCode = "400", description = "invalid-request")
    @APIResponse(responseCode = "401", description = "token-required or invalid-token (an ops token)")
    @APIResponse(responseCode = "404", description = "cell-not-found")
    public PlayerRouting.Settings configure(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RoutingSettings body) {
        access.require(authorization, OpsKey.ROLE_OPS);
        cell(id);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.weight() == null || body.weight() < 0 || body.weight() > 1000) {
            errors.add(new Problem.FieldError("weight", "is required, 0 to 1000"));
        }
        if (body == null || body.closedToNewPlayers() == null) {
            errors.add(new Problem.FieldError("closedToNewPlayers", "is required"));
        }
        if (body != null && body.capacity() != null && body.capacity() < 1) {
            errors.add(new Problem.FieldError("capacity", "must be positive when given"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-request", "The request has invalid fields.", errors);
        }
        return routing.configure(id, body.weight(), body.closedToNewPlayers(), body.capacity());
    }

    private void cell(String id) {
        if (registry.find(id).isEmpty()) {
            throw ProblemException.notFound("cell-not-found", "No cell " + id + ".");
        }
    }
}
