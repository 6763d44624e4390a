package io.cellbet.accounts.application;

import io.cellbet.accounts.api.PlayerBrands;
import io.cellbet.accounts.config.AccountsConfig;
import io.cellbet.accounts.domain.LaunchRules;
import io.cellbet.accounts.persistence.Players;
import io.cellbet.contracts.accounts.LaunchTokens;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.platform.problem.Problem.FieldError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Launches of the embedded web app: a brand's server signs a launch token for its player
 * (docs/web-app.md), and the cell trades it for a session, as a login would.
 *
 * <p>The token is checked before anything is written: the brand embeds the app and this cell holds
 * its launch secret, the signature is the secret's, the payload names this brand, its fields are
 * those of a person who could register, and it has not expired nor lives longer than allowed.
 * Then, in one transaction, its nonce is taken (a second use is refused), the brand's player with
 * that external id is found or created (as registration creates players, without a password), and
 * the player is let in as {@link Logins} lets players in.
 */
@ApplicationScoped
public class Launches {

    /** Prefix of the configuration keys holding brands' launch secrets. */
    public static final String SECRETS_PREFIX = "cellbet.accounts.launch-secrets.";
    static final String AUDIT_REASON = "launch token";

    private static final Logger LOG = Logger.getLogger(Launches.class);

    /** Why a launch token was refused. */
    public enum Refusal {
        /** The brand does not embed the app, or this cell lacks the brand's launch secret. */
        EMBEDDING_DISABLED,
        /** Malformed, not signed with the brand's secret, or made for another brand. */
        INVALID_LAUNCH_TOKEN,
        /** {@code exp} has passed or lies too far ahead. */
        LAUNCH_TOKEN_EXPIRED,
        /** Its nonce was taken before. */
        LAUNCH_TOKEN_USED
    }

    /** How a launch ended. */
    public sealed interface Outcome {

        /** The token was good: the player's login, as {@link Logins} answers it (or refuses a suspended player). */
        record Launched(Logins.Outcome login) implements Outcome {
        }

        record Refused(Refusal refusal, String detail) implements Outcome {
        }

        /** Payload fields missing or malformed, named as in the payload. */
        record Invalid(List<FieldError> errors) implements Outcome {
        }

        record UnknownBrand(String brand) implements Outcome {
        }
    }

    private final Players players;
    private final PlayerBrands brands;
    private final Registrations registrations;
    private final Logins logins;
    private final AccountsConfig config;
    private final Config secrets;
    private final Clock clock;
    /** Brands whose missing secret was already logged, so a stream of launches does not flood the log. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public Launches(Players players, PlayerBrands brands, Registrations registrations, Logins logins,
            AccountsConfig config, Config secrets, Clock clock) {
        this.players = players;
        this.brands = brands;
        this.registrations = registrations;
        this.logins = logins;
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Outcome launch(String brand, String token) {
        Optional<PlayerBrands.Terms> found = brands.find(brand);
        if (found.isEmpty()) {
            return new Outcome.UnknownBrand(brand);
        }
        PlayerBrands.Terms terms = found.get();
        if (terms.launchSecretRef() == null) {
            return new Outcome.Refused(Refusal.EMBEDDING_DISABLED, "Brand " + brand + " does not embed the app.");
        }
        Optional<String> secret = secret(terms.launchSecretRef());
        if (secret.isEmpty()) {
            if (reported.add(brand)) {
                LOG.warnf("brand %s embeds the app with launch secret '%s', which this cell does not have (%s\"%s\")",
                        brand, terms.launchSecretRef(), SECRETS_PREFIX, terms.launchSecretRef());
            }
            return new Outcome.Refused(Refusal.EMBEDDING_DISABLED, "This cell cannot verify launch tokens of brand "
                    + brand + ".");
        }
        Optional<LaunchTokens.Payload> opened = LaunchTokens.open(token, secret.get());
        if (opened.isEmpty()) {
            return invalidToken("The launch token is malformed or not signed with the brand's launch secret.");
        }
        LaunchTokens.Payload payload = opened.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LaunchRules.Verdict verdict = LaunchRules.check(payload, brand, now, config.minimumAge(), terms.currencies());
        if (verdict instanceof LaunchRules.Verdict.WrongBrand) {
            return invalidToken("The launch token was made for another brand.");
        }
        if (verdict instanceof LaunchRules.Verdict.Invalid invalid) {
            return new Outcome.Invalid(invalid.errors());
        }
        if (verdict instanceof LaunchRules.Verdict.Expired expired) {
            return new Outcome.Refused(Refusal.LAUNCH_TOKEN_EXPIRED, "The launch token expires at "
                    + expired.expiresAt() + ": it has expired, or lies more than "
                    + LaunchTokens.LIFETIME_MAX.toMinutes() + " minutes ahead.");
        }
        Instant expiresAt = ((LaunchRules.Verdict.Accepted) verdict).expiresAt();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!players.takeLaunchNonce(brand, payload.nonce(), expiresAt, now)) {
                return new Outcome.Refused(Refusal.LAUNCH_TOKEN_USED, "The launch token was used before.");
            }
            Optional<Players.StoredPlayer> player = players.findByExternalId(brand, payload.externalPlayerId(), true);
            if (player.isEmpty()) {
                // A concurrent first launch of the same player may win the insert; its row is then found below.
                registrations.enrol(new Players.NewPlayer(UUID.randomUUID(), brand, null, null, null,
                        LocalDate.parse(payload.dateOfBirth()), payload.country(), payload.currency(), null, now,
                        payload.externalPlayerId()), terms, AUDIT_REASON);
                player = players.findByExternalId(brand, payload.externalPlayerId(), true);
            }
            return new Outcome.Launched(logins.admit(player.orElseThrow(), now, null, AUDIT_REASON));
        });
    }

    private static Outcome invalidToken(String detail) {
        return new Outcome.Refused(Refusal.INVALID_LAUNCH_TOKEN, detail);
    }

    /**
     * The launch secret of that name: from {@link AccountsConfig#launchSecrets()}, else looked up by
     * its full key, which also finds the environment's plain form ({@code ..._SECRETS_ACME_LAUNCH}).
     */
    private Optional<String> secret(String secretRef) {
        if (!BrandConfig.SeamlessWallet.SECRET_REF.matcher(secretRef).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(config.launchSecrets().get(secretRef))
                .or(() -> secrets.getOptionalValue(SECRETS_PREFIX + "\"" + secretRef + "\"", String.class))
                .or(() -> secrets.getOptionalValue(SECRETS_PREFIX + secretRef, String.class))
                .filter(value -> !value.isBlank());
    }
}
