package io.cellbet.platform.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void addsAndSubtractsInMinorUnits() {
        Money stake = Money.of(1050, "EUR");
        Money win = Money.of(2625, "EUR");
        assertEquals(Money.of(3675, "EUR"), stake.plus(win));
        assertEquals(Money.of(-1575, "EUR"), stake.minus(win));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, "EUR").plus(Money.of(1, "GBP")));
    }

    @Test
    void throwsInsteadOfOverflowing() {
        assertThrows(ArithmeticException.class, () -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")));
    }

    @Test
    void rendersWithTheCurrencysDecimals() {
        assertEquals("10.50 EUR", Money.of(1050, "EUR").toString());
        assertEquals("1050 JPY", Money.of(1050, "JPY").toString());
        assertEquals("-0.05 GBP", Money.of(-5, "GBP").toString());
    }
}
