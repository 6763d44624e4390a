package io.cellbet.cell.config.rest;

import io.cellbet.cell.config.application.AppliedChange;
import io.cellbet.cell.config.application.BrandCatalog;
import io.cellbet.cell.config.application.ConfigReplica;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The configuration this cell has applied: {@code /api/config}. */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Config")
public class CellConfigResource {

    private final ConfigReplica replica;
    private final BrandCatalog catalog;

    public CellConfigResource(ConfigReplica replica, BrandCatalog catalog) {
        this.replica = replica;
        this.catalog = catalog;
    }

    @GET
    @Path("/version")
    @Operation(summary = "The config version this cell has applied, and the control plane's store it counts in")
    public Map<String, Object> version() {
        ConfigReplica.State state = replica.state();
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("version", state.version());
        answer.put("storeId", state.storeId());
        return answer;
    }

    @GET
    @Path("/brands")
    @Operation(summary = "Brands as this cell holds them, ordered by code")
    public List<BrandConfig> brands(@QueryParam("limit") String limit) {
        return catalog.list(QueryParameters.count("limit", limit, 100, 1, BrandCatalog.PAGE_MAX));
    }

    @GET
    @Path("/brands/{code}")
    @Operation(summary = "One brand as this cell holds it")
    public BrandConfig brand(@PathParam("code") String code) {
        return catalog.find(code).orElseThrow(() -> ProblemException.notFound("brand-not-found",
                "This cell holds no brand " + code + "."));
    }

    @GET
    @Path("/applied")
    @Operation(summary = "Config versions applied after a version: when committed, when applied, how")
    public Map<String, List<AppliedChange>> applied(@QueryParam("afterVersion") String afterVersion,
            @QueryParam("limit") String limit) {
        return Map.of("items", replica.applied(
                QueryParameters.wholeNumber("afterVersion", afterVersion, 0, 0, Long.MAX_VALUE),
                QueryParameters.count("limit", limit, 100, 1, ConfigReplica.APPLIED_PAGE_MAX)));
    }
}
