package io.cellbet.controlplane.cells.rest;

import io.cellbet.controlplane.cells.application.Cell;
import io.cellbet.controlplane.cells.application.CellRegistry;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cell registry: {@code /api/cells}. */
@Path("/api/cells")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cells")
public class CellResource {

    private final CellRegistry registry;

    public CellResource(CellRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Every registered cell with its status and applied config version")
    public List<Cell> list() {
        return registry.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One cell")
    public Cell get(@PathParam("id") String id) {
        return registry.find(id).orElseThrow(() -> ProblemException.notFound("cell-not-found", "No cell " + id + "."));
    }
}
