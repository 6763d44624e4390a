package io.cellbet.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies ops tokens: RS256 JWTs signed by the control plane's key, with its issuer and the ops
 * audience, not expired. Apps build one from the public key they hold (the cells: from replicated
 * config) and ask it about each {@code Authorization: Bearer} header of an ops endpoint.
 */
public final class OpsTokenVerifier {

    /** Who a valid ops token names, and the roles it grants. */
    public record OpsUser(String username, List<String> roles) {

        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    /** Tokens verified before, kept so a client's every request does not cost a signature check. */
    private static final int VERIFIED_MAX = 10_000;

    private record Verified(OpsUser user, long expiresAtSeconds) {
    }

    private final String keyId;
    private final DefaultJWTParser parser;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private OpsTokenVerifier(String keyId, DefaultJWTParser parser) {
        this.keyId = keyId;
        this.parser = parser;
    }

    /** A verifier of tokens signed with this key (X.509 SubjectPublicKeyInfo, base64). */
    public static OpsTokenVerifier of(String keyId, String publicKeyBase64, String issuer, String audience) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            JWTAuthContextInfo context = new JWTAuthContextInfo(key, issuer);
            context.setExpectedAudience(Set.of(audience));
            return new OpsTokenVerifier(keyId, new DefaultJWTParser(context));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The user of a valid token; empty when it is malformed, expired, forged, or for another audience. */
    public Optional<OpsUser> verify(String token) {
        long now = Instant.now().getEpochSecond();
        Verified known = verified.get(token);
        if (known != null) {
            return known.expiresAtSeconds() > now ? Optional.of(known.user()) : Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            if (jwt.getSubject() == null) {
                return Optional.empty();
            }
            OpsUser user = new OpsUser(jwt.getSubject(), List.copyOf(jwt.getGroups()));
            if (verified.size() >= VERIFIED_MAX) {
                verified.clear();
            }
            verified.put(token, new Verified(user, jwt.getExpirationTime()));
            return Optional.of(user);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
