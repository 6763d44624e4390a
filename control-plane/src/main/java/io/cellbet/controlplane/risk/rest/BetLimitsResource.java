package io.cellbet.controlplane.risk.rest;

import io.cellbet.controlplane.rest.StrictBodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.controlplane.brands.application.Brands;
import io.cellbet.controlplane.risk.application.BrandLimits;
import io.cellbet.controlplane.risk.application.LimitsResult;
import io.cellbet.controlplane.risk.application.StoredLimits;
import io.cellbet.controlplane.risk.domain.LimitsDraft;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A brand's sportsbook limits: {@code /api/brands/{code}/bet-limits}, defaults and overrides per sport of
 * stakes, payouts, live delays, liability caps and cash-out margins. Every change is published to all cells
 * at a new config version (kind {@code bet-limits}), which is how ops push tighter caps to the cells.
 */
@Path("/api/brands/{code}/bet-limits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Risk")
public class BetLimitsResource {

    private final BrandLimits limits;
    private final StrictBodies bodies;

    public BetLimitsResource(BrandLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.bodies = new StrictBodies(json);
    }

    @GET
    @Operation(summary = "A brand's bet limits; the built-in ones (builtIn true, configVersion 0) when never set")
    @APIResponse(responseCode = "404", description = "Unknown brand")
    public StoredLimits get(@PathParam("code") String code) {
        return limits.find(code).orElseThrow(() -> ProblemException.notFound("brand-not-found",
                Brands.notFound(code).detail()));
    }

    @PUT
    @Operation(summary = "Replace a brand's whole bet limits: {\"defaults\": limits?, \"sports\": {\"<sportId>\": "
            + "limits}?, \"configVersion\"?}; a limit left out falls back to the defaults, then the built-in ones")
    @APIResponse(responseCode = "200", description = "Saved; the body carries the config version it was published at")
    @APIResponse(responseCode = "400", description = "Invalid limits (problem+json, a code per rule, field errors)")
    @APIResponse(responseCode = "404", description = "Unknown brand")
    @APIResponse(responseCode = "409", description = "configVersion is not the stored one")
    public StoredLimits replace(@PathParam("code") String code, String body) throws JsonProcessingException {
        LimitsResult result = limits.replace(code, bodies.read(body, LimitsDraft.class));
        if (result instanceof LimitsResult.Rejected rejected) {
            throw problem(rejected);
        }
        return ((LimitsResult.Saved) result).limits();
    }

    private static ProblemException problem(LimitsResult.Rejected rejected) {
        List<Problem.FieldError> errors = rejected.violations().stream()
                .map(violation -> new Problem.FieldError(violation.field(), violation.message())).toList();
        switch (rejected.reason()) {
            case BRAND_NOT_FOUND:
                return ProblemException.notFound("brand-not-found", rejected.detail());
            case VERSION_MISMATCH:
                return ProblemException.conflict("limits-version-mismatch", rejected.detail(), errors);
            default:
                // Each rule has its own code; the first broken one names the problem, errors list them all.
                String code = rejected.violations().isEmpty() ? "invalid-bet-limits"
                        : rejected.violations().get(0).code();
                return ProblemException.badRequest(code, rejected.detail(), errors);
        }
    }
}
