package io.cellbet.controlplane.brands.rest;

import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.controlplane.brands.application.Brand;
import io.cellbet.controlplane.brands.application.BrandResult;
import io.cellbet.controlplane.brands.application.Brands;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Brands and sites: {@code /api/brands}. Every change is published to all cells. */
@Path("/api/brands")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Brands")
public class BrandResource {

    private final Brands brands;

    public BrandResource(Brands brands) {
        this.brands = brands;
    }

    @POST
    @Operation(summary = "Create a brand")
    @APIResponse(responseCode = "201", description = "Created; the body carries the config version it was published at")
    @APIResponse(responseCode = "400", description = "Invalid brand (problem+json with field errors)")
    @APIResponse(responseCode = "409", description = "Code or a domain already taken")
    public Response create(BrandConfig brand) {
        Brand saved = saved(brands.create(brand));
        return Response.created(URI.create("/api/brands/" + saved.config().code())).entity(saved).build();
    }

    @PUT
    @Path("/{code}")
    @Operation(summary = "Replace a brand's configuration")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "400", description = "Invalid brand")
    @APIResponse(responseCode = "404", description = "Unknown brand")
    @APIResponse(responseCode = "409", description = "A domain is taken by another brand")
    public Brand update(@PathParam("code") String code, BrandConfig brand) {
        return saved(brands.update(code, brand));
    }

    @GET
    @Operation(summary = "List brands, ordered by code")
    public List<Brand> list(@QueryParam("limit") String limit) {
        return brands.list(QueryParameters.count("limit", limit, 100, 1, Brands.PAGE_MAX));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Read one brand")
    @APIResponse(responseCode = "404", description = "Unknown brand")
    public Brand get(@PathParam("code") String code) {
        return brands.find(code).orElseThrow(() -> problem(Brands.notFound(code)));
    }

    private static Brand saved(BrandResult result) {
        if (result instanceof BrandResult.Rejected rejected) {
            throw problem(rejected);
        }
        return ((BrandResult.Saved) result).brand();
    }

    private static ProblemException problem(BrandResult.Rejected rejected) {
        List<Problem.FieldError> errors = rejected.violations().stream()
                .map(violation -> new Problem.FieldError(violation.field(), violation.message())).toList();
        return switch (rejected.reason()) {
            case INVALID -> ProblemException.badRequest("invalid-brand", rejected.detail(), errors);
            case CODE_MISMATCH -> ProblemException.badRequest("brand-code-mismatch", rejected.detail(), errors);
            case CODE_TAKEN -> ProblemException.conflict("brand-code-taken", rejected.detail(), errors);
            case DOMAIN_TAKEN -> ProblemException.conflict("brand-domain-taken", rejected.detail(), errors);
            case NOT_FOUND -> ProblemException.notFound("brand-not-found", rejected.detail());
        };
    }
}
