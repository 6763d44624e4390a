package io.cellbet.platform.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units (cents, pence) of one ISO 4217 currency.
 *
 * <p>Amounts are never floats: every sum the platform computes must be exact, and the
 * ledger's invariant (the sum over all accounts of a currency is zero) only holds with
 * integer arithmetic. Arithmetic overflows throw instead of wrapping around.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    private static final java.util.Set<String> CURRENCY_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(java.util.stream.Collectors.toUnmodifiableSet());

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** Whether {@code code} is an ISO 4217 currency code the JDK knows, such as {@code EUR}. */
    public static boolean isCurrencyCode(String code) {
        return code != null && CURRENCY_CODES.contains(code);
    }

    public static Money of(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "currency mismatch: " + currency.getCurrencyCode() + " vs " + other.currency.getCurrencyCode());
        }
    }

    /** Renders as {@code 12.34 EUR}, using the currency's own number of decimals. */
    @Override
    public String toString() {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (digits == 0) {
            return minor + " " + currency.getCurrencyCode();
        }
        return java.math.BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency.getCurrencyCode();
    }
}
