package io.cellbet.controlplane.sportsbook.rest;

import io.cellbet.feed.api.markets.MarketDescriptions;
import io.cellbet.feed.api.markets.MarketDescriptions.MarketDescription;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.Problem;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The market types the control plane knows, with the name templates of markets and outcomes. */
@Singleton
@Path("/api/market-descriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sportsbook content")
public class MarketDescriptionResource {

    /** One market type as served: outcomes in numeric id order. */
    public record MarketType(int id, String name, List<String> specifiers, List<Outcome> outcomes) {
    }

    /** One outcome of a market type and its name template. */
    public record Outcome(String id, String name) {
    }

    /** Numeric outcome ids in numeric order, others after them in text order. */
    private static final Comparator<String> OUTCOME_ORDER = Comparator
            .comparing((String id) -> !id.chars().allMatch(Character::isDigit))
            .thenComparing(id -> id.chars().allMatch(Character::isDigit) ? id.length() : 0)
            .thenComparing(Comparator.naturalOrder());

    private final List<MarketType> types;

    public MarketDescriptionResource() {
        // Read once: the descriptions are a file of this build, and reading checks every template.
        MarketDescriptions descriptions = MarketDescriptions.common();
        this.types = descriptions.ids().stream().sorted()
                .map(id -> type(descriptions.describe(id).orElseThrow())).toList();
    }

    @GET
    @Operation(summary = "Every market type, by id")
    public List<MarketType> list() {
        return types;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One market type")
    @APIResponse(responseCode = "400", description = "The id is not a number")
    @APIResponse(responseCode = "404", description = "Unknown market type")
    public MarketType get(@PathParam("id") String idText) {
        int id = parseId(idText);
        return types.stream().filter(type -> type.id() == id).findFirst()
                .orElseThrow(() -> ProblemException.notFound("market-type-not-found",
                        "No market type with id " + id + "."));
    }

    private static int parseId(String text) {
        if (text.length() <= 9 && !text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(text);
        }
        throw ProblemException.badRequest("invalid-parameter", "Path parameter id is invalid.",
                List.of(new Problem.FieldError("id", "must be a whole number (a market type id)")));
    }

    private static MarketType type(MarketDescription description) {
        List<Outcome> outcomes = description.outcomes().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey(OUTCOME_ORDER))
                .map(outcome -> new Outcome(outcome.getKey(), outcome.getValue())).toList();
        return new MarketType(description.id(), description.name(), description.specifiers(), outcomes);
    }
}
