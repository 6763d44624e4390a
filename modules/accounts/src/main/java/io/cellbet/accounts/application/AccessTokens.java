package io.cellbet.accounts.application;

import io.cellbet.accounts.persistence.Players;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signs and verifies players' access tokens: RS256 JWTs (smallrye-jwt) issued by this cell,
 * {@code iss = cellbet:cell:<cellId>}, audience {@value #AUDIENCE}, with the player id as
 * subject and claims {@code brand} and {@code cell}. A token of another cell fails on its issuer
 * and signature, so it is refused here whatever it claims.
 *
 * <p>The key pair lives in the cell's database ({@code accounts.signing_keys}): every replica of
 * the cell signs and verifies with the same key, and the first replica to start creates it.
 *
 * <p>A token that verified is remembered until it expires (at most {@value #VERIFIED_KEPT_MAX} per replica): the
 * same string with the same key verifies the same way every time, and checking an RS256 signature was a tenth of
 * the cell's CPU per bet placed. A remembered token is still refused from the second it expires.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String AUDIENCE = "cellbet-player";
    public static final String ROLE_PLAYER = "player";

    /** What a verified token says. */
    public record Holder(UUID playerId, String brand) {
    }

    /** Verified tokens a replica remembers at most; when full, it forgets them all and verifies again. */
    static final int VERIFIED_KEPT_MAX = 50_000;

    private final Players players;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final String cellId;
    private final String issuer;
    private volatile Keys keys;

    /** A token that verified, and the second it expires. */
    private record Verified(Holder holder, long expiresAtSecond) {
    }

    private record Keys(String keyId, PrivateKey privateKey, DefaultJWTParser parser) {
    }

    public AccessTokens(Players players, Clock clock, @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.players = players;
        this.clock = clock;
        this.cellId = cellId;
        this.issuer = "cellbet:cell:" + cellId;
    }

    /**
     * Loads the keys at start, not at the first token: a bet's token is verified on the request's event loop
     * ({@code BetResource}), which must not wait for the database.
     */
    void loadKeys(@Observes StartupEvent startup) {
        keys();
    }

    public String issuer() {
        return issuer;
    }

    /** A signed access token for the player, valid for {@code lifetime} from now. */
    public String issue(UUID playerId, String brand, Duration lifetime) {
        Keys current = keys();
        // Token times are the system's: verification checks them against it, whatever clock the rules use.
        Instant now = Instant.now();
        return Jwt.issuer(issuer).subject(playerId.toString()).audience(AUDIENCE).groups(ROLE_PLAYER)
                .claim("brand", brand).claim("cell", cellId)
                .issuedAt(now).expiresAt(now.plus(lifetime))
                .jws().keyId(current.keyId()).sign(current.privateKey());
    }

    /** The holder of a valid token of this cell; empty when the token is malformed, expired, forged or foreign. */
    public Optional<Holder> verify(String token) {
        return verifyAt(token, Instant.now());
    }

    /**
     * As {@link #verify}, with {@code now} as the time its expiry is checked against (a remembered token is refused
     * from its expiry second on, as a new one is). The signature check itself runs on the system's time.
     */
    public Optional<Holder> verifyAt(String token, Instant now) {
        long nowSecond = now.getEpochSecond();
        Verified known = verified.get(token);
        if (known != null) {
            if (nowSecond < known.expiresAtSecond()) {
                return Optional.of(known.holder());
            }
            verified.remove(token);
        }
        try {
            JsonWebToken jwt = keys().parser().parse(token);
            Object brand = jwt.getClaim("brand");
            Object cell = jwt.getClaim("cell");
            if (!(brand instanceof String) || !cellId.equals(String.valueOf(cell))
                    || !jwt.getGroups().contains(ROLE_PLAYER)) {
                return Optional.empty();
            }
            if (nowSecond >= jwt.getExpirationTime()) {
                return Optional.empty();
            }
            Holder holder = new Holder(UUID.fromString(jwt.getSubject()), (String) brand);
            if (verified.size() >= VERIFIED_KEPT_MAX) {
                verified.clear();
            }
            verified.put(token, new Verified(holder, jwt.getExpirationTime()));
            return Optional.of(holder);
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private Keys keys() {
        Keys current = keys;
        if (current == null) {
            synchronized (this) {
                current = keys;
                if (current == null) {
                    current = load();
                    keys = current;
                }
            }
        }
        return current;
    }

    private Keys load() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair candidate = generator.generateKeyPair();
            Players.SigningKey stored = QuarkusTransaction.requiringNew().call(() -> players.currentSigningKey(
                    new Players.SigningKey(cellId + "-" + UUID.randomUUID(), candidate.getPrivate().getEncoded(),
                            candidate.getPublic().getEncoded()), clock.instant()));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(stored.privateKey()));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
            JWTAuthContextInfo context = new JWTAuthContextInfo(publicKey, issuer);
            context.setExpectedAudience(Set.of(AUDIENCE));
            return new Keys(stored.keyId(), privateKey, new DefaultJWTParser(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the cell's token keys", e);
        }
    }
}
