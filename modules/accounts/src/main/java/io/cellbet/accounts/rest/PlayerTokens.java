package io.cellbet.accounts.rest;

import io.cellbet.accounts.api.PlayerSessions;
import io.cellbet.accounts.application.AccessTokens;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.security.Bearer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;
import java.util.UUID;

/** The player behind a request's {@code Authorization: Bearer} token, or the problem that refuses it. */
@ApplicationScoped
public class PlayerTokens implements PlayerSessions {

    private static final Map<String, String> BEARER_CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

    private final AccessTokens accessTokens;

    public PlayerTokens(AccessTokens accessTokens) {
        this.accessTokens = accessTokens;
    }

    /** The holder of a valid token of this cell for the brand in the path; else 401 or 403 problems. */
    public AccessTokens.Holder holder(String brand, String authorization) {
        String token = Bearer.token(authorization).orElseThrow(() -> new ProblemException(Problem.of(401,
                "TOKEN_REQUIRED", "Token required", "Send the access token as 'Authorization: Bearer <token>'.", null),
                BEARER_CHALLENGE));
        AccessTokens.Holder holder = accessTokens.verify(token).orElseThrow(PlayerTokens::invalidToken);
        if (!holder.brand().equals(brand)) {
            throw new ProblemException(Problem.of(403, "BRAND_MISMATCH", "Brand mismatch",
                    "The token is of another brand's player.", null));
        }
        return holder;
    }

    @Override
    public UUID authenticatedPlayer(String brand, String authorization) {
        return holder(brand, authorization).playerId();
    }

    static ProblemException invalidToken() {
        return new ProblemException(Problem.of(401, "INVALID_TOKEN", "Invalid token",
                "The access token is malformed, expired, or not issued by this cell.", null),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
    }
}
