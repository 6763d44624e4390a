package io.cellbet.platform.security;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750), the scheme in any case. */
public final class Bearer {

    private static final String SCHEME = "Bearer ";

    private Bearer() {
    }

    /** The token; empty when the header is missing, of another scheme, or blank. */
    public static Optional<String> token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
