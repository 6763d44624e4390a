package io.cellbet.controlplane.ops.application;

import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.OpsKey;
import io.cellbet.controlplane.config.application.ConfigStore;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.platform.security.OpsTokenVerifier;
import io.cellbet.platform.security.PasswordHash;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Ops users and the tokens they act with. The control plane signs ops tokens (RS256 JWTs, issuer
 * {@value OpsKey#ISSUER}, audience {@value OpsKey#AUDIENCE}, groups = roles) with a key pair kept
 * in its database, and replicates the public key to every cell as config, so a cell verifies an
 * ops token on its own.
 */
@ApplicationScoped
public class OpsTokens {

    public static final String BOOTSTRAP_ADMIN = "admin";
    /** OWASP's first Argon2id recommendation, as for players. */
    static final PasswordHash PASSWORDS = new PasswordHash(19456, 2, 1);
    private static final Logger LOG = Logger.getLogger(OpsTokens.class);

    /** A signed token and its lifetime. */
    public record Token(String accessToken, long expiresIn, List<String> roles) {
    }

    private record SigningKey(String keyId, PrivateKey privateKey, OpsTokenVerifier verifier) {
    }

    private final Sql sql;
    private final ConfigStore configStore;
    private final OpsConfig config;
    private static final java.time.Duration SERVICE_TOKEN_LIFETIME = java.time.Duration.ofMinutes(10);
    private volatile SigningKey key;
    private volatile Token serviceToken;
    private volatile Instant serviceTokenRenewAt = Instant.EPOCH;
    /** Verified when the name is unknown, so the answer takes as long as a wrong password's. */
    private final String decoy = PASSWORDS.hash("decoy-" + UUID.randomUUID());

    public OpsTokens(Sql sql, ConfigStore configStore, OpsConfig config) {
        this.sql = sql;
        this.configStore = configStore;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        key = QuarkusTransaction.requiringNew().call(this::currentKey);
        config.bootstrapAdminPassword().filter(password -> !password.isBlank()).ifPresent(password ->
                QuarkusTransaction.requiringNew().run(() -> {
                    int created = sql.update("INSERT INTO ops.users (username, password_hash, roles, created_by) "
                            + "SELECT ?, ?, 'ops,admin', 'bootstrap' WHERE NOT EXISTS (SELECT 1 FROM ops.users)",
                            BOOTSTRAP_ADMIN, PASSWORDS.hash(password));
                    if (created == 1) {
                        LOG.infof("ops user %s created from the bootstrap password", BOOTSTRAP_ADMIN);
                    }
                }));
    }

    /** A token for the user when the password is right; empty otherwise. */
    public Optional<Token> login(String username, String password) {
        Optional<String[]> user = sql.one("SELECT password_hash, roles FROM ops.users WHERE username = ? "
                + "AND disabled_at IS NULL", row -> new String[] {row.getString(1), row.getString(2)}, username);
        if (user.isEmpty()) {
            PasswordHash.matches(decoy, password);
            return Optional.empty();
        }
        if (!PasswordHash.matches(user.get()[0], password)) {
            return Optional.empty();
        }
        List<String> roles = Arrays.asList(user.get()[1].split(","));
        Instant now = Instant.now();
        String token = Jwt.issuer(OpsKey.ISSUER).subject(username).audience(OpsKey.AUDIENCE)
                .groups(new java.util.HashSet<>(roles)).issuedAt(now).expiresAt(now.plus(config.tokenLifetime()))
                .jws().keyId(key.keyId()).sign(key.privateKey());
        return Optional.of(new Token(token, config.tokenLifetime().toSeconds(), roles));
    }

    /** A token the control plane itself acts with on cells' ops endpoints (subject {@code control-plane}). */
    public String serviceToken() {
        Token cached = serviceToken;
        if (cached != null && Instant.now().isBefore(serviceTokenRenewAt)) {
            return cached.accessToken();
        }
        Instant now = Instant.now();
        String token = Jwt.issuer(OpsKey.ISSUER).subject("control-plane").audience(OpsKey.AUDIENCE)
                .groups(OpsKey.ROLE_OPS).issuedAt(now).expiresAt(now.plus(SERVICE_TOKEN_LIFETIME))
                .jws().keyId(key.keyId()).sign(key.privateKey());
        serviceToken = new Token(token, SERVICE_TOKEN_LIFETIME.toSeconds(), List.of(OpsKey.ROLE_OPS));
        serviceTokenRenewAt = now.plus(SERVICE_TOKEN_LIFETIME.dividedBy(2));
        return token;
    }

    /** The user of a valid ops token of this control plane. */
    public Optional<OpsTokenVerifier.OpsUser> verify(String token) {
        return key.verifier().verify(token);
    }

    /** Creates an ops user; false when the name is taken. */
    public boolean createUser(String username, String password, boolean admin, String createdBy) {
        return QuarkusTransaction.requiringNew().call(() -> sql.update("INSERT INTO ops.users (username, "
                + "password_hash, roles, created_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", username,
                PASSWORDS.hash(password), admin ? "ops,admin" : "ops", createdBy) == 1);
    }

    /** The live key pair, created on first start, and its public half published as config when it is not yet. */
    private SigningKey currentKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair candidate = generator.generateKeyPair();
        sql.update("INSERT INTO ops.signing_keys (key_id, private_key, public_key) SELECT ?, ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM ops.signing_keys WHERE retired_at IS NULL)", "ops-" + UUID.randomUUID(),
                candidate.getPrivate().getEncoded(), candidate.getPublic().getEncoded());
        Object[] stored = sql.list("SELECT key_id, private_key, public_key FROM ops.signing_keys "
                + "WHERE retired_at IS NULL ORDER BY created_at, key_id", row -> new Object[] {row.getString(1),
                        row.getBytes(2), row.getBytes(3)}).get(0);
        String keyId = (String) stored[0];
        Optional<String> published = sql.one("SELECT value->>'keyId' FROM config.change WHERE kind = ? AND key = ? "
                + "ORDER BY version DESC LIMIT 1", row -> row.getString(1), ConfigKinds.OPS_KEY, OpsKey.CURRENT);
        if (!published.equals(Optional.of(keyId))) {
            configStore.record(ConfigKinds.OPS_KEY, OpsKey.CURRENT, new OpsKey(keyId, "RS256", OpsKey.ISSUER,
                    Base64.getEncoder().encodeToString((byte[]) stored[2])));
        }
        return new SigningKey(keyId, KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec((byte[]) stored[1])), OpsTokenVerifier.of(keyId,
                        Base64.getEncoder().encodeToString((byte[]) stored[2]), OpsKey.ISSUER, OpsKey.AUDIENCE));
    }
}
