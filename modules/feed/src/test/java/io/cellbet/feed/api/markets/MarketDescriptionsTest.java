package io.cellbet.feed.api.markets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketDescriptionsTest {

    private final MarketDescriptions common = MarketDescriptions.common();

    @Test
    void describesTheCommonMarkets() {
        // 1x2, double chance, draw no bet, European and Asian handicap, total, both teams to score, correct
        // score, winner, total games, set winner, winner incl. overtime, its handicap and total, map winner.
        assertEquals(List.of(1, 10, 11, 14, 16, 18, 29, 41, 186, 189, 202, 219, 223, 225, 328),
                List.copyOf(common.ids().stream().sorted().toList()));
    }

    @Test
    void namesMarketsAndOutcomesWithTheCompetitorsAndSpecifiers() {
        MarketDescriptions.MarketName winner = common.render(1, "", "Arsenal", "Chelsea");
        assertEquals("1x2", winner.name());
        assertEquals(List.of("1", "2", "3"), List.copyOf(winner.outcomes().keySet()));
        assertEquals(List.of("Arsenal", "draw", "Chelsea"), List.copyOf(winner.outcomes().values()));

        MarketDescriptions.MarketName total = common.render(18, "total=2.5", "Arsenal", "Chelsea");
        assertEquals("Total 2.5", total.name());
        assertEquals(Map.of("12", "over 2.5", "13", "under 2.5"), total.outcomes());

        MarketDescriptions.MarketName asian = common.render(16, "hcp=-1.5", "Arsenal", "Chelsea");
        assertEquals("Asian handicap -1.5", asian.name());
        assertEquals("Arsenal (-1.5)", asian.outcomes().get("1714"));
        assertEquals("Chelsea (+1.5)", asian.outcomes().get("1715"));
        assertEquals("Chelsea (0)", common.render(16, "hcp=0", "Arsenal", "Chelsea").outcomes().get("1715"));

        assertEquals("Arsenal or draw", common.render(10, "", "Arsenal", "Chelsea").outcomes().get("9"));
        assertEquals("draw (0:1)", common.render(14, "hcp=0:1", "Arsenal", "Chelsea").outcomes().get("1712"));
        assertEquals("2nd set - winner", common.render(202, "setnr=2", "Sinner", "Alcaraz").name());
        assertEquals("3rd map - winner", common.render(328, "mapnr=3", "FaZe", "G2").name());
        assertEquals("Correct score [1:0]", common.render(41, "score=1:0", "Ajax", "PSV").name());
    }

    @Test
    void writesOrdinalsAndSignedHandicapsLikeABookmaker() {
        assertEquals(List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"),
                List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 111).stream().map(n -> MarketDescriptions.ordinal("" + n))
                        .toList());
        assertEquals("+0.25", MarketDescriptions.signed("0.25", false));
        assertEquals("-0.25", MarketDescriptions.signed("0.25", true));
        assertEquals("+1", MarketDescriptions.signed("-1", true));
    }

    @Test
    void refusesUnknownMarketsAndMissingOrMalformedSpecifiers() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> common.render(999, "", "A", "B")).getMessage()
                .contains("no description of market 999"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> common.render(18, "", "A", "B")).getMessage()
                .contains("needs specifier total"));
        assertThrows(IllegalArgumentException.class, () -> common.render(18, "total", "A", "B"));
        assertThrows(IllegalArgumentException.class, () -> Specifiers.parse("total=1|total=2"));
        assertEquals(Map.of("setnr", "3", "gamenr", "2"), Specifiers.parse("setnr=3|gamenr=2"));
    }

    @Test
    void refusesADescriptionFileWithTemplatesItCannotFill() {
        String unknownKey = "{\"markets\": [{\"id\": 5, \"name\": \"Total {line}\", \"specifiers\": [\"total\"], "
                + "\"outcomes\": {\"1\": \"over\"}}]}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarketDescriptions.read(
                new ByteArrayInputStream(unknownKey.getBytes(StandardCharsets.UTF_8)))).getMessage()
                .contains("uses {line}"));
        String twice = "{\"markets\": [{\"id\": 5, \"name\": \"A\", \"outcomes\": {\"1\": \"x\"}}, "
                + "{\"id\": 5, \"name\": \"B\", \"outcomes\": {\"1\": \"y\"}}]}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarketDescriptions.read(
                new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)))).getMessage()
                .contains("described twice"));
    }
}
