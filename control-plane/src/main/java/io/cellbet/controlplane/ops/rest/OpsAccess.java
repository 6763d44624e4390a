package io.cellbet.controlplane.ops.rest;

import io.cellbet.contracts.config.OpsKey;
import io.cellbet.controlplane.ops.application.OpsTokens;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.security.Bearer;
import io.cellbet.platform.security.OpsTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;

/** The ops user behind a request's {@code Authorization: Bearer} ops token, or the problem that refuses it. */
@ApplicationScoped
public class OpsAccess {

    private final OpsTokens tokens;

    public OpsAccess(OpsTokens tokens) {
        this.tokens = tokens;
    }

    /** The user of a valid ops token with {@code role}; else 401 or 403 problems. */
    public OpsTokenVerifier.OpsUser require(String authorization, String role) {
        String token = Bearer.token(authorization).orElseThrow(() -> new ProblemException(Problem.of(401,
                "token-required", "Token required",
                "Send an ops token as 'Authorization: Bearer <token>' (POST /api/ops/login).", null),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer")));
        OpsTokenVerifier.OpsUser user = tokens.verify(token).orElseThrow(() ->
                new ProblemException(Problem.of(401, "invalid-token", "Invalid token",
                        "The ops token is malformed, expired or not this control plane's.", null),
                        Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")));
        if (!user.has(role)) {
            throw new ProblemException(Problem.of(403, OpsKey.ROLE_ADMIN.equals(role) ? "admin-required"
                    : "ops-required", "Role required", "The token does not grant role " + role + ".", null));
        }
        return user;
    }
}
