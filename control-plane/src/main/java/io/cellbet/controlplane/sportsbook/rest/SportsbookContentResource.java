package io.cellbet.controlplane.sportsbook.rest;

import io.cellbet.controlplane.rest.StrictBodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.controlplane.brands.application.Brands;
import io.cellbet.controlplane.sportsbook.application.ContentEdits.EventEdit;
import io.cellbet.controlplane.sportsbook.application.ContentEdits.SportEdit;
import io.cellbet.controlplane.sportsbook.application.ContentEdits.Toggle;
import io.cellbet.controlplane.sportsbook.application.ContentResult;
import io.cellbet.controlplane.sportsbook.application.SportsbookContents;
import io.cellbet.controlplane.sportsbook.application.StoredContent;
import io.cellbet.controlplane.sportsbook.domain.ContentDraft;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The content manager: {@code /api/brands/{code}/sportsbook-content}, a brand's overrides of the
 * feed (hidden sports, events, market types and markets, margins per sport, featured events).
 * Every change is published to all cells at a new config version.
 */
@Path("/api/brands/{code}/sportsbook-content")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sportsbook content")
public class SportsbookContentResource {

    private final SportsbookContents contents;
    private final StrictBodies bodies;

    public SportsbookContentResource(SportsbookContents contents, ObjectMapper json) {
        this.contents = contents;
        this.bodies = new StrictBodies(json);
    }

    @GET
    @Operation(summary = "A brand's sportsbook content (no overrides at configVersion 0 when never set)")
    @APIResponse(responseCode = "404", description = "Unknown brand")
    public StoredContent get(@PathParam("code") String code) {
        return contents.find(code).orElseThrow(() -> ProblemException.notFound("brand-not-found",
                Brands.notFound(code).detail()));
    }

    @PUT
    @Operation(summary = "Replace a brand's whole sportsbook content; with configVersion, only if still at it")
    @APIResponse(responseCode = "200", description = "Saved; the body carries the config version it was published at")
    @APIResponse(responseCode = "400", description = "Invalid content (problem+json, a code per rule, field errors)")
    @APIResponse(responseCode = "404", description = "Unknown brand")
    @APIResponse(responseCode = "409", description = "configVersion is not the stored one")
    public StoredContent replace(@PathParam("code") String code, String body) throws JsonProcessingException {
        return saved(contents.replace(code, bodies.read(body, ContentDraft.class)));
    }

    @PUT
    @Path("/sports/{sportId}")
    @Operation(summary = "Show or hide a sport and set its margin: {\"enabled\": bool, \"marginPercent\": number|null}")
    public StoredContent sport(@PathParam("code") String code, @PathParam("sportId") String sportId, String body)
            throws JsonProcessingException {
        return saved(contents.editSport(code, sportId, bodies.read(body, SportEdit.class)));
    }

    @PUT
    @Path("/events/{eventId}")
    @Operation(summary = "Show or hide an event, feature it or not: {\"enabled\": bool, \"featured\": bool}")
    public StoredContent event(@PathParam("code") String code, @PathParam("eventId") String eventId, String body)
            throws JsonProcessingException {
        return saved(contents.editEvent(code, eventId, bodies.read(body, EventEdit.class)));
    }

    @PUT
    @Path("/market-types/{typeId}")
    @Operation(summary = "Show or hide a market type in every event: {\"enabled\": bool}")
    public StoredContent marketType(@PathParam("code") String code, @PathParam("typeId") String typeId, String body)
            throws JsonProcessingException {
        return saved(contents.editMarketType(code, typeId, bodies.read(body, Toggle.class)));
    }

    @PUT
    @Path("/markets/{eventId}/{typeId}")
    @Operation(summary = "Show or hide one market (specifiers as the feed sends them, empty for none): {\"enabled\": bool}")
    public StoredContent market(@PathParam("code") String code, @PathParam("eventId") String eventId,
            @PathParam("typeId") String typeId, @QueryParam("specifiers") String specifiers, String body)
            throws JsonProcessingException {
        return saved(contents.editMarket(code, eventId, typeId, specifiers, bodies.read(body, Toggle.class)));
    }

    private static StoredContent saved(ContentResult result) {
        if (result instanceof ContentResult.Rejected rejected) {
            throw problem(rejected);
        }
        return ((ContentResult.Saved) result).content();
    }

    private static ProblemException problem(ContentResult.Rejected rejected) {
        List<Problem.FieldError> errors = rejected.violations().stream()
                .map(violation -> new Problem.FieldError(violation.field(), violation.message())).toList();
        switch (rejected.reason()) {
            case BRAND_NOT_FOUND:
                return ProblemException.notFound("brand-not-found", rejected.detail());
            case VERSION_MISMATCH:
                return ProblemException.conflict("content-version-mismatch", rejected.detail(), errors);
            default:
                // Each rule has its own code; the first broken one names the problem, errors list them all.
                String code = rejected.violations().isEmpty() ? "invalid-sportsbook-content"
                        : rejected.violations().get(0).code();
                return ProblemException.badRequest(code, rejected.detail(), errors);
        }
    }
}
