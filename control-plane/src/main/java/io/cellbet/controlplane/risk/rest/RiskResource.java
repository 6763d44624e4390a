package io.cellbet.controlplane.risk.rest;

import io.cellbet.controlplane.risk.application.ExposureQuery;
import io.cellbet.controlplane.risk.application.ExposureTotal;
import io.cellbet.controlplane.risk.application.Exposures;
import io.cellbet.controlplane.risk.domain.ExposureRules;
import io.cellbet.controlplane.risk.domain.ExposureScope;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The risk view: {@code /api/risk}, the platform's exposure per outcome, market and event, each cell's
 * latest figures summed per key and currency, largest liability first. Figures arrive from the cells
 * about every second, so an answer is at most a few seconds behind the cells.
 */
@Path("/api/risk")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Risk")
public class RiskResource {

    static final int LIMIT_DEFAULT = 50;
    /** A provider URN such as {@code sr:match:123}, as the content manager takes event ids. */
    private static final Pattern EVENT_ID = Pattern.compile("^[a-z]+:[a-z_]+:[0-9]+$");
    private static final int EVENT_ID_LENGTH_MAX = 100;

    private final Exposures exposures;

    public RiskResource(Exposures exposures) {
        this.exposures = exposures;
    }

    @GET
    @Path("/outcomes")
    @Operation(summary = "Exposure per outcome (key event/type/specifiers/outcome) and currency, summed over cells")
    @APIResponse(responseCode = "200", description = "Totals, largest liability first", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ExposureTotal.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid (problem+json, field errors)")
    public List<ExposureTotal> outcomes(@Parameter(description = "only this currency, such as EUR")
            @QueryParam("currency") String currency,
            @Parameter(description = "only outcomes of this event, such as sr:match:123")
            @QueryParam("event") String event,
            @Parameter(description = "most totals, 1 to 500, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "true: each total lists the figures of every cell it sums")
            @QueryParam("cells") String cells) {
        return exposures.totals(query(ExposureScope.OUTCOME, currency, event, limit, cells));
    }

    @GET
    @Path("/markets")
    @Operation(summary = "Exposure per market (key event/type/specifiers) and currency, summed over cells")
    @APIResponse(responseCode = "200", description = "Totals, largest liability first", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ExposureTotal.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid (problem+json, field errors)")
    public List<ExposureTotal> markets(@Parameter(description = "only this currency, such as EUR")
            @QueryParam("currency") String currency,
            @Parameter(description = "only markets of this event, such as sr:match:123")
            @QueryParam("event") String event,
            @Parameter(description = "most totals, 1 to 500, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "true: each total lists the figures of every cell it sums")
            @QueryParam("cells") String cells) {
        return exposures.totals(query(ExposureScope.MARKET, currency, event, limit, cells));
    }

    @GET
    @Path("/events")
    @Operation(summary = "Exposure per event (key the event's URN) and currency, summed over cells")
    @APIResponse(responseCode = "200", description = "Totals, largest liability first", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ExposureTotal.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid (problem+json, field errors)")
    public List<ExposureTotal> events(@Parameter(description = "only this currency, such as EUR")
            @QueryParam("currency") String currency,
            @Parameter(description = "only this event, such as sr:match:123")
            @QueryParam("event") String event,
            @Parameter(description = "most totals, 1 to 500, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "true: each total lists the figures of every cell it sums")
            @QueryParam("cells") String cells) {
        return exposures.totals(query(ExposureScope.EVENT, currency, event, limit, cells));
    }

    /** The query the parameters ask for; a 400 problem naming every invalid one. */
    static ExposureQuery query(ExposureScope scope, String currency, String event, String limitText,
            String cellsText) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (present(currency) && !ExposureRules.isCurrency(currency)) {
            errors.add(new Problem.FieldError("currency",
                    "must be a currency code of three capital letters, such as EUR"));
        }
        if (present(event) && (event.length() > EVENT_ID_LENGTH_MAX || !EVENT_ID.matcher(event).matches())) {
            errors.add(new Problem.FieldError("event", "must be an event id like sr:match:123 (at most "
                    + EVENT_ID_LENGTH_MAX + " characters)"));
        }
        int limit = LIMIT_DEFAULT;
        if (present(limitText)) {
            limit = wholeNumber(limitText);
            if (limit < 1 || limit > Exposures.TOTALS_MAX) {
                errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + Exposures.TOTALS_MAX));
            }
        }
        boolean byCell = false;
        if (present(cellsText)) {
            if (!"true".equals(cellsText) && !"false".equals(cellsText)) {
                errors.add(new Problem.FieldError("cells", "must be true or false"));
            }
            byCell = "true".equals(cellsText);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-parameter", "Query parameters of the risk view are invalid.",
                    errors);
        }
        return new ExposureQuery(scope, present(currency) ? currency : null, present(event) ? event : null, limit,
                byCell);
    }

    private static boolean present(String text) {
        return text != null && !text.isEmpty();
    }

    /** The number, or -1 (out of every range) when the text is not a whole number an {@code int} holds. */
    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
