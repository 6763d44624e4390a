package io.cellbet.controlplane.config.rest;

import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigSnapshot;
import io.cellbet.controlplane.config.application.ConfigStore;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.DefaultValue;
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
    public ConfigSnapshot snapshot(@QueryParam("version") Long version) {
        long current = store.currentVersion();
        if (version == null) {
            return store.snapshot(current);
        }
        if (version < 0) {
            throw ProblemException.badRequest("invalid-parameter", "version must not be negative",
                    List.of(new Problem.FieldError("version", "must be >= 0")));
        }
        if (version > current) {
            throw ProblemException.notFound("config-version-unknown",
                    "Config version " + version + " does not exist yet; the latest is " + current + ".");
        }
        return store.snapshot(version);
    }

    @GET
    @Path("/changes")
    @Operation(summary = "Changes after a version, oldest first")
    public List<ConfigChanged> changes(@QueryParam("afterVersion") @DefaultValue("0") long afterVersion,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > ConfigStore.CHANGES_PAGE_MAX) {
            throw ProblemException.badRequest("invalid-parameter", "limit must be 1.." + ConfigStore.CHANGES_PAGE_MAX,
                    List.of(new Problem.FieldError("limit", "must be between 1 and " + ConfigStore.CHANGES_PAGE_MAX)));
        }
        return store.changes(afterVersion, limit);
    }
}
