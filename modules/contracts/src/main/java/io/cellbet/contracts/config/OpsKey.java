package io.cellbet.contracts.config;

/**
 * The public key the control plane signs ops tokens with, replicated to every cell as config
 * ({@link ConfigKinds#OPS_KEY}, key {@link #CURRENT}), so cells verify ops tokens without asking
 * the control plane, and keep doing so while it is down.
 *
 * @param keyId      the token header's {@code kid}
 * @param algorithm  {@code RS256}
 * @param issuer     the tokens' {@code iss}
 * @param publicKey  the X.509 SubjectPublicKeyInfo, base64
 */
public record OpsKey(String keyId, String algorithm, String issuer, String publicKey) {

    public static final String CURRENT = "current";
    public static final String ISSUER = "cellbet:control-plane";
    public static final String AUDIENCE = "cellbet-ops";
    public static final String ROLE_OPS = "ops";
    public static final String ROLE_ADMIN = "admin";
}
