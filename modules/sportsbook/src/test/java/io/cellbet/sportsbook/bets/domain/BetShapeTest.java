package io.cellbet.sportsbook.bets.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BetShapeTest {

    @Test
    void namedSystemsHoldTheirKnownNumberOfLines() {
        Map<String, Long> lines = Map.of("trixie", 4L, "patent", 7L, "yankee", 11L, "lucky 15", 15L, "canadian", 26L,
                "lucky 31", 31L, "heinz", 57L, "lucky 63", 63L, "super heinz", 120L, "goliath", 247L);
        lines.forEach((name, count) -> {
            BetShape shape = BetShape.system(name).orElseThrow();
            assertEquals(count, shape.lineCount(), name);
            List<int[]> generated = shape.lines();
            assertEquals(count, generated.size(), name);
            Set<String> distinct = new HashSet<>();
            generated.forEach(line -> distinct.add(java.util.Arrays.toString(line)));
            assertEquals(count, distinct.size(), name + ": every line differs");
        });
        assertEquals("canadian", BetShape.system("Super-Yankee").orElseThrow().name());
    }

    @Test
    void aKOfNSystemIsEveryCombinationOfKSelections() {
        BetShape twoOfThree = BetShape.system("2/3").orElseThrow();
        assertEquals(3, twoOfThree.lineCount());
        List<int[]> lines = twoOfThree.lines();
        assertArrayEquals(new int[] {0, 1}, lines.get(0));
        assertArrayEquals(new int[] {0, 2}, lines.get(1));
        assertArrayEquals(new int[] {1, 2}, lines.get(2));
        assertTrue(BetShape.system("4/3").isEmpty());
        assertTrue(BetShape.system("lucky 7").isEmpty());
        assertEquals(184_756, BetShape.system("10/20").orElseThrow().lineCount());
        assertThrows(IllegalStateException.class, () -> BetShape.system("10/20").orElseThrow().lines());
    }

    @Test
    void accumulatorsTakeTwoToTwentyLegs() {
        assertEquals(1, BetShape.accumulator(20).lineCount());
        assertThrows(IllegalArgumentException.class, () -> BetShape.accumulator(1));
        assertThrows(IllegalArgumentException.class, () -> BetShape.accumulator(21));
    }
}
