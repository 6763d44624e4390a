package io.cellbet.contracts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SportsbookContentTest {

    private static SportsbookContent margins(Map<Integer, BigDecimal> margins) {
        return new SportsbookContent(null, null, null, null, margins, null);
    }

    @Test
    void readsNullsAsEmpty() {
        SportsbookContent none = new SportsbookContent(null, null, null, null, null, null);
        assertEquals(SportsbookContent.NONE, none);
        assertTrue(none.disabledSports().isEmpty());
        assertTrue(none.sportMargins().isEmpty());
        assertTrue(none.featuredEvents().isEmpty());
        assertTrue(none.sportVisible(1));
        assertTrue(none.eventVisible("sr:match:1"));
        assertTrue(none.marketVisible("sr:match:1", 1, ""));
        assertFalse(none.featured("sr:match:1"));
    }

    @Test
    void dropsNullElementsAndKeepsNoReferenceToTheCallersCollections() {
        Set<Integer> sports = new HashSet<>(Arrays.asList(1, null));
        List<String> featured = new ArrayList<>(Arrays.asList("sr:match:2", null));
        SportsbookContent content = new SportsbookContent(sports, null, null, null, null, featured);
        sports.add(5);
        featured.add("sr:match:3");
        assertEquals(Set.of(1), content.disabledSports());
        assertEquals(List.of("sr:match:2"), content.featuredEvents());
        assertThrows(UnsupportedOperationException.class, () -> content.disabledSports().add(7));
        assertThrows(UnsupportedOperationException.class, () -> content.featuredEvents().add("sr:match:9"));
    }

    @Test
    void hidesDisabledSportsAndEvents() {
        SportsbookContent content = new SportsbookContent(Set.of(5), Set.of("sr:match:1"), null, null, null, null);
        assertFalse(content.sportVisible(5));
        assertTrue(content.sportVisible(1));
        assertFalse(content.eventVisible("sr:match:1"));
        assertTrue(content.eventVisible("sr:match:2"));
    }

    @Test
    void hidesAMarketByTypeOrByItsKey() {
        SportsbookContent content = new SportsbookContent(null, null, Set.of(29),
                Set.of("sr:match:1/18/total=2.5", "sr:match:1/1/"), null, null);
        assertFalse(content.marketVisible("sr:match:2", 29, ""));
        assertFalse(content.marketVisible("sr:match:1", 18, "total=2.5"));
        assertTrue(content.marketVisible("sr:match:1", 18, "total=3.5"));
        assertTrue(content.marketVisible("sr:match:2", 18, "total=2.5"));
        assertFalse(content.marketVisible("sr:match:1", 1, ""));
        assertFalse(content.marketVisible("sr:match:1", 1, null));
        assertTrue(content.marketVisible("sr:match:2", 1, ""));
    }

    @Test
    void marksFeaturedEvents() {
        SportsbookContent content = new SportsbookContent(null, null, null, null, null, List.of("sr:match:9", "sr:match:3"));
        assertTrue(content.featured("sr:match:9"));
        assertFalse(content.featured("sr:match:1"));
        assertFalse(content.featured(null));
        assertEquals(List.of("sr:match:9", "sr:match:3"), content.featuredEvents());
    }

    @Test
    void takesTheSportsMarginOffThePriceRoundingDown() {
        SportsbookContent content = margins(Map.of(1, new BigDecimal("2.5")));
        // 2.00 / 1.025 = 1.9512...
        assertEquals(new BigDecimal("1.95"), content.price(1, new BigDecimal("2.00")));
        // 3.10 / 1.025 = 3.0243...
        assertEquals(new BigDecimal("3.02"), content.price(1, new BigDecimal("3.10")));
    }

    @Test
    void leavesPricesOfSportsWithoutAMarginAlone() {
        SportsbookContent content = margins(Map.of(1, new BigDecimal("2.5"), 2, BigDecimal.ZERO));
        assertEquals(new BigDecimal("2.345"), content.price(5, new BigDecimal("2.345")));
        assertEquals(new BigDecimal("2.345"), content.price(2, new BigDecimal("2.345")));
        assertEquals(new BigDecimal("2.345"), SportsbookContent.NONE.price(1, new BigDecimal("2.345")));
    }

    @Test
    void neverPricesBelowTheMinimumNorAboveTheOddsWithAPositiveMargin() {
        SportsbookContent content = margins(Map.of(1, new BigDecimal("25")));
        assertEquals(new BigDecimal("1.01"), content.price(1, new BigDecimal("1.05")));
        assertEquals(new BigDecimal("1.01"), content.price(1, new BigDecimal("1.01")));
        // Odds already under the minimum are not raised by a margin meant to lower them.
        assertEquals(new BigDecimal("1.00"), content.price(1, new BigDecimal("1.00")));
    }

    @Test
    void raisesPricesWithANegativeMargin() {
        SportsbookContent content = margins(Map.of(1, new BigDecimal("-10")));
        // 1.80 / 0.9 = 2.00; 2.05 / 0.9 = 2.2777...
        assertEquals(new BigDecimal("2.00"), content.price(1, new BigDecimal("1.80")));
        assertEquals(new BigDecimal("2.27"), content.price(1, new BigDecimal("2.05")));
    }

    @Test
    void pricesNothingAsNothing() {
        assertNull(margins(Map.of(1, new BigDecimal("2.5"))).price(1, null));
    }

    @Test
    void readsAndWritesItsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SportsbookContent content = new SportsbookContent(Set.of(5, 2), Set.of("sr:match:1"), Set.of(29),
                Set.of("sr:match:1/1/"), Map.of(1, new BigDecimal("2.5")), List.of("sr:match:9"));
        String text = json.writeValueAsString(content);
        assertTrue(text.contains("\"disabledSports\":[2,5]"), text);
        assertTrue(text.contains("\"sportMargins\":{\"1\":2.5}"), text);
        assertEquals(content, json.readValue(text, SportsbookContent.class));
        assertEquals(SportsbookContent.NONE, json.readValue("{}", SportsbookContent.class));
    }
}
