package io.cellbet.accounts.domain;

import io.cellbet.contracts.accounts.LaunchTokens;
import io.cellbet.platform.problem.Problem.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the payload of a correctly signed launch token must say before its player is let in: the
 * brand it was presented to, an expiry not passed and at most {@link LaunchTokens#LIFETIME_MAX}
 * ahead, a nonce, the brand's id of the player, and a person who could register (adult, a country,
 * one of the brand's currencies, as {@link RegistrationRules#personErrors} says).
 */
public final class LaunchRules {

    public static final int EXTERNAL_PLAYER_ID_LENGTH_MAX = 64;
    public static final int LOCALE_LENGTH_MAX = 35;

    /** Printable ASCII without spaces: the id travels to the brand's wallet and into logs. */
    private static final Pattern EXTERNAL_PLAYER_ID = Pattern.compile("[\\x21-\\x7E]{1," + EXTERNAL_PLAYER_ID_LENGTH_MAX
            + "}");
    private static final Pattern NONCE = Pattern.compile("[\\x21-\\x7E]{" + LaunchTokens.NONCE_LENGTH_MIN + ","
            + LaunchTokens.NONCE_LENGTH_MAX + "}");

    private LaunchRules() {
    }

    /** The judgement on a payload. */
    public sealed interface Verdict {

        /** The player may be let in. */
        record Accepted(Instant expiresAt) implements Verdict {
        }

        /** The token was made for another brand. */
        record WrongBrand() implements Verdict {
        }

        /** Fields missing or malformed, named as in the payload. */
        record Invalid(List<FieldError> errors) implements Verdict {
        }

        /** {@code exp} has passed, or lies further ahead than a token may live. */
        record Expired(Instant expiresAt) implements Verdict {
        }
    }

    /**
     * Judges a payload presented to {@code brand} at {@code now}.
     *
     * @param minimumAge       the youngest age allowed to play
     * @param brandCurrencies  the currencies the brand offers
     */
    public static Verdict check(LaunchTokens.Payload payload, String brand, Instant now, int minimumAge,
            List<String> brandCurrencies) {
        if (!brand.equals(payload.brand())) {
            return new Verdict.WrongBrand();
        }
        List<FieldError> errors = new ArrayList<>();
        if (payload.externalPlayerId() == null || !EXTERNAL_PLAYER_ID.matcher(payload.externalPlayerId()).matches()) {
            errors.add(new FieldError("externalPlayerId", "must be 1-" + EXTERNAL_PLAYER_ID_LENGTH_MAX
                    + " printable characters without spaces"));
        }
        errors.addAll(RegistrationRules.personErrors(payload.dateOfBirth(), payload.country(), payload.currency(),
                LocalDate.ofInstant(now, ZoneOffset.UTC), minimumAge, brandCurrencies));
        if (payload.locale() != null && !isLanguageTag(payload.locale())) {
            errors.add(new FieldError("locale", "must be a BCP 47 language tag such as en or de-AT"));
        }
        if (payload.exp() == null) {
            errors.add(new FieldError("exp", "is required: the expiry in epoch seconds"));
        }
        if (payload.nonce() == null || !NONCE.matcher(payload.nonce()).matches()) {
            errors.add(new FieldError("nonce", "must be " + LaunchTokens.NONCE_LENGTH_MIN + "-"
                    + LaunchTokens.NONCE_LENGTH_MAX + " printable characters without spaces"));
        }
        if (!errors.isEmpty()) {
            return new Verdict.Invalid(errors);
        }
        Instant expiresAt = Instant.ofEpochSecond(Math.max(Math.min(payload.exp(), Instant.MAX.getEpochSecond()),
                Instant.MIN.getEpochSecond()));
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(LaunchTokens.LIFETIME_MAX))) {
            return new Verdict.Expired(expiresAt);
        }
        return new Verdict.Accepted(expiresAt);
    }

    private static boolean isLanguageTag(String tag) {
        if (tag.length() > LOCALE_LENGTH_MAX) {
            return false;
        }
        try {
            return !new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
