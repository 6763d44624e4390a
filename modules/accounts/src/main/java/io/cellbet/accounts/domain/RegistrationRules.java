package io.cellbet.accounts.domain;

import io.cellbet.platform.problem.Problem.FieldError;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a registration must satisfy before anything is written: a login name (e-mail and/or
 * username), a strong enough password, an adult's date of birth, a country and one of the
 * brand's currencies. Each broken rule is one field error; all are reported at once.
 */
public final class RegistrationRules {

    public static final int EMAIL_LENGTH_MAX = 254;
    public static final int USERNAME_LENGTH_MIN = 3;
    public static final int USERNAME_LENGTH_MAX = 32;
    public static final int PASSWORD_LENGTH_MIN = 10;
    /** Argon2 hashes any length, but a megabyte "password" is an attack on the CPU, not a password. */
    public static final int PASSWORD_LENGTH_MAX = 128;
    /** Oldest age accepted: an older date of birth is a typing error. */
    public static final int AGE_MAX = 120;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Passwords seen first in every breach list; a length rule alone lets them through. */
    private static final Set<String> COMMON_PASSWORDS = Set.of("password123", "password1234", "1234567890",
            "12345678910", "qwertyuiop", "qwerty1234", "iloveyou12", "football123", "letmein123", "welcome123",
            "abc1234567", "passw0rd123", "monkey12345", "dragon12345", "baseball123", "sunshine123", "princess123",
            "0123456789", "1111111111", "aaaaaaaaaa");

    private RegistrationRules() {
    }

    /** A registration as received; fields may be missing or malformed. */
    public record Application(String email, String username, String password, String dateOfBirth, String country,
            String currency) {
    }

    /**
     * The field errors of an application; empty when it may be registered.
     *
     * @param today            the date in the brand's jurisdiction, from the cell's clock
     * @param minimumAge       the youngest age allowed to play
     * @param brandCurrencies  the currencies the brand offers
     */
    public static List<FieldError> check(Application application, LocalDate today, int minimumAge,
            List<String> brandCurrencies) {
        List<FieldError> errors = new ArrayList<>();
        String email = application.email();
        String username = application.username();
        if (email == null && username == null) {
            errors.add(new FieldError("email", "an e-mail or a username is required"));
        }
        if (email != null && (email.length() > EMAIL_LENGTH_MAX || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("email", "must be an e-mail address such as name@example.com"));
        }
        if (username != null && (username.length() < USERNAME_LENGTH_MIN || username.length() > USERNAME_LENGTH_MAX
                || !USERNAME.matcher(username).matches() || username.contains("@"))) {
            errors.add(new FieldError("username", "must be " + USERNAME_LENGTH_MIN + "-" + USERNAME_LENGTH_MAX
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        passwordErrors(application.password(), email, username).ifPresent(errors::add);
        errors.addAll(personErrors(application.dateOfBirth(), application.country(), application.currency(), today,
                minimumAge, brandCurrencies));
        return errors;
    }

    /**
     * The rules every player meets however they arrive (registration or a brand's launch token):
     * an adult's date of birth, a country, one of the brand's currencies. Field errors are named
     * {@code dateOfBirth}, {@code country} and {@code currency}.
     */
    public static List<FieldError> personErrors(String dateOfBirth, String country, String currency, LocalDate today,
            int minimumAge, List<String> brandCurrencies) {
        List<FieldError> errors = new ArrayList<>();
        dateOfBirthErrors(dateOfBirth, today, minimumAge).ifPresent(errors::add);
        if (country == null || !COUNTRIES.contains(country)) {
            errors.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 code such as GB or DE"));
        }
        if (currency == null || !brandCurrencies.contains(currency)) {
            errors.add(new FieldError("currency", "must be one of the brand's currencies " + brandCurrencies));
        }
        return errors;
    }

    private static Optional<FieldError> passwordErrors(String password, String email, String username) {
        if (password == null) {
            return error("password", "is required");
        }
        if (password.length() < PASSWORD_LENGTH_MIN || password.length() > PASSWORD_LENGTH_MAX) {
            return error("password", "must be " + PASSWORD_LENGTH_MIN + " to " + PASSWORD_LENGTH_MAX + " characters");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            return error("password", "must mix at least three of: lower case, upper case, digits, symbols");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON_PASSWORDS.contains(lower)) {
            return error("password", "is one of the most common passwords");
        }
        String localPart = email == null ? null : email.substring(0, email.indexOf('@') < 0 ? 0 : email.indexOf('@'));
        if (containsName(lower, username) || containsName(lower, localPart)) {
            return error("password", "must not contain the username or e-mail name");
        }
        return Optional.empty();
    }

    private static boolean containsName(String lowerPassword, String name) {
        return name != null && name.length() >= USERNAME_LENGTH_MIN
                && lowerPassword.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Optional<FieldError> dateOfBirthErrors(String text, LocalDate today, int minimumAge) {
        if (text == null) {
            return error("dateOfBirth", "is required (YYYY-MM-DD)");
        }
        LocalDate born;
        try {
            born = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return error("dateOfBirth", "must be a date such as 1990-04-23");
        }
        if (born.isAfter(today)) {
            return error("dateOfBirth", "is in the future");
        }
        int age = Period.between(born, today).getYears();
        if (age < minimumAge) {
            return error("dateOfBirth", "the player must be at least " + minimumAge + " years old");
        }
        if (age > AGE_MAX) {
            return error("dateOfBirth", "is more than " + AGE_MAX + " years ago");
        }
        return Optional.empty();
    }

    private static Optional<FieldError> error(String field, String message) {
        return Optional.of(new FieldError(field, message));
    }
}
