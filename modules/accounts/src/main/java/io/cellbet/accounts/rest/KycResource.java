package io.cellbet.accounts.rest;

import io.cellbet.accounts.application.KycChecks;
import io.cellbet.accounts.persistence.Players;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The logged-in player's identity verification: {@code /api/brands/{brand}/players/me/kyc}. */
@Path("/api/brands/{brand}/players/me/kyc")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "KYC")
public class KycResource {

    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("[A-Za-z0-9-]{4,32}");

    private final KycChecks checks;
    private final Players players;
    private final PlayerTokens tokens;

    public KycResource(KycChecks checks, Players players, PlayerTokens tokens) {
        this.checks = checks;
        this.players = players;
        this.tokens = tokens;
    }

    /** Documents to verify: the name as on the document, its type and number. */
    public record Documents(String fullName, String documentType, String documentNumber) {
    }

    /** The player's KYC status and latest check. */
    public record Status(String kycStatus, KycChecks.Check latestCheck) {
    }

    @GET
    @Operation(summary = "The player's KYC status and latest check")
    public Status status(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        UUID player = tokens.holder(brand, authorization).playerId();
        return new Status(players.find(player).orElseThrow().player().kycStatus(), checks.latest(player).orElse(null));
    }

    @POST
    @Operation(summary = "Submit documents for verification; the decision arrives from the provider")
    @APIResponse(responseCode = "202", description = "Submitted: kycStatus pending")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST")
    @APIResponse(responseCode = "409", description = "KYC_CHECK_OPEN or KYC_ALREADY_VERIFIED")
    @APIResponse(responseCode = "503", description = "KYC_UNAVAILABLE: no provider configured")
    public Response submit(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Documents body) {
        UUID player = tokens.holder(brand, authorization).playerId();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.fullName() == null || body.fullName().isBlank() || body.fullName().length() > 200) {
            errors.add(new Problem.FieldError("fullName", "is required, at most 200 characters"));
        }
        if (body == null || !KycChecks.DOCUMENT_TYPES.contains(body.documentType())) {
            errors.add(new Problem.FieldError("documentType", "must be one of " + KycChecks.DOCUMENT_TYPES));
        }
        if (body == null || body.documentNumber() == null || !DOCUMENT_NUMBER.matcher(body.documentNumber()).matches()) {
            errors.add(new Problem.FieldError("documentNumber", "must be 4-32 letters, digits or '-'"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_REQUEST", "The request has " + errors.size()
                    + " invalid field(s).", errors);
        }
        return switch (checks.submit(player, body.fullName(), body.documentType(), body.documentNumber())) {
            case SUBMITTED -> Response.accepted(status(brand, authorization)).build();
            case ALREADY_OPEN -> throw ProblemException.conflict("KYC_CHECK_OPEN",
                    "A check of the player's documents is under way.", null);
            case ALREADY_VERIFIED -> throw ProblemException.conflict("KYC_ALREADY_VERIFIED",
                    "The player's identity is verified.", null);
            case PROVIDER_NOT_CONFIGURED -> throw new ProblemException(Problem.of(503, "KYC_UNAVAILABLE",
                    "KYC unavailable", "This cell has no KYC provider configured.", null));
        };
    }
}
