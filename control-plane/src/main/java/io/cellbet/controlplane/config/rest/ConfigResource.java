package io.cellbet.controlplane.config.rest;

import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigSnapshot;
import io.cellbet.controlplane.config.application.ConfigStore;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The versioned config store: current version, snapshots and change history. */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Config")
public class ConfigResource {

    private final ConfigStore store;

    public ConfigResource(ConfigStore store) {
        this.store = store;
    }

    @GET
    @Path("/version")
    @Operation(summary = "The latest committed config version and the store it belongs to")
    public Map<String, Object> version() {
        ConfigStore.Head head = store.head();
        return Map.of("version", head.version(), "storeId", head.storeId());
    }

    @GET
    @Path("/snapshot")
    @Operation(summary = "The whole config at a version (default: the latest)")
    public ConfigSnapshot snapshot(@QueryParam("version") String versionText) {
        long current = store.currentVersion();
        long version = QueryParameters.wholeNumber("version", versionText, current, 0, Long.MAX_VALUE);
        if (version > current) {
            throw ProblemException.notFound("config-version-unknown",
                    "Config version " + version + " does not exist yet; the latest is " + current + ".");
        }
        return store.snapshot(version);
    }

    @GET
    @Path("/changes")
    @Operation(summary = "Changes after a version, oldest first")
    public List<ConfigChanged> changes(@QueryParam("afterVersion") String afterVersion,
            @QueryParam("limit") String limit) {
        return store.changes(QueryParameters.wholeNumber("afterVersion", afterVersion, 0, 0, Long.MAX_VALUE),
                QueryParameters.count("limit", limit, 100, 1, ConfigStore.CHANGES_PAGE_MAX));
    }
}
