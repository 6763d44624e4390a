package io.cellbet.controlplane.ops.rest;

import io.cellbet.contracts.config.OpsKey;
import io.cellbet.controlplane.ops.application.OpsTokens;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.security.OpsTokenVerifier;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ops users log in here for the token the cells' ops endpoints require: {@code /api/ops}. */
@Path("/api/ops")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ops users")
public class OpsResource {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final OpsTokens tokens;
    private final OpsAccess access;

    public OpsResource(OpsTokens tokens, OpsAccess access) {
        this.tokens = tokens;
        this.access = access;
    }

    public record Login(String username, String password) {
    }

    public record NewUser(String username, String password, Boolean admin) {
    }

    public record Session(String accessToken, String tokenType, long expiresIn, List<String> roles) {
    }

    @POST
    @Path("/login")
    @Operation(summary = "An ops token (RS256 JWT, groups = roles) for the user")
    @APIResponse(responseCode = "401", description = "invalid-credentials")
    public Session login(Login body) {
        if (body == null || body.username() == null || body.password() == null || body.password().length() > 1024) {
            throw ProblemException.badRequest("invalid-request", "username and password are required.",
                    List.of(new Problem.FieldError(body == null || body.username() == null ? "username" : "password",
                            "is required")));
        }
        OpsTokens.Token token = tokens.login(body.username(), body.password()).orElseThrow(() -> new ProblemException(
                Problem.of(401, "invalid-credentials", "Invalid credentials", "The username or password is wrong.",
                        null)));
        return new Session(token.accessToken(), "Bearer", token.expiresIn(), token.roles());
    }

    @POST
    @Path("/users")
    @Operation(summary = "Create an ops user (admins only)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "401", description = "token-required or invalid-token")
    @APIResponse(responseCode = "403", description = "admin-required")
    @APIResponse(responseCode = "409", description = "username-taken")
    public Response createUser(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewUser body) {
        OpsTokenVerifier.OpsUser admin = access.require(authorization, OpsKey.ROLE_ADMIN);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.username() == null || !USERNAME.matcher(body.username()).matches()) {
            errors.add(new Problem.FieldError("username", "must be 2-64 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (body == null || body.password() == null || body.password().length() < 12 || body.password().length() > 128) {
            errors.add(new Problem.FieldError("password", "must be 12 to 128 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-request", "The request has invalid fields.", errors);
        }
        if (!tokens.createUser(body.username(), body.password(), Boolean.TRUE.equals(body.admin()), admin.username())) {
            throw ProblemException.conflict("username-taken", "There is an ops user " + body.username() + ".", null);
        }
        return Response.created(URI.create("/api/ops/users/" + body.username()))
                .entity(Map.of("username", body.username(), "admin", Boolean.TRUE.equals(body.admin()))).build();
    }
}
