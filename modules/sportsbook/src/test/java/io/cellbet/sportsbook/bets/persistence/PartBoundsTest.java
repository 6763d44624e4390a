package io.cellbet.sportsbook.bets.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PartBoundsTest {

    @Test
    void twoPartsMeetHalfwayInTheOrderOfTheUuidsBytes() {
        assertEquals("00000000-0000-0000-0000-000000000000", BetBook.partBounds(0, 2)[0].toString());
        assertEquals("80000000-0000-0000-0000-000000000000", BetBook.partBounds(0, 2)[1].toString());
        assertEquals("80000000-0000-0000-0000-000000000000", BetBook.partBounds(1, 2)[0].toString());
        assertEquals("ffffffff-ffff-ffff-ffff-ffffffffffff", BetBook.partBounds(1, 2)[1].toString());
    }

    @Test
    void everyRandomIdFallsInExactlyOnePartAndThePartsAreAboutEven() {
        int parts = 3;
        int[] counts = new int[parts];
        Random random = new Random(6);
        for (int i = 0; i < 30_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            int holders = 0;
            for (int part = 0; part < parts; part++) {
                UUID[] bounds = BetBook.partBounds(part, parts);
                if (compareAsBytes(id, bounds[0]) > 0 && compareAsBytes(id, bounds[1]) <= 0) {
                    holders++;
                    counts[part]++;
                }
            }
            assertEquals(1, holders, id.toString());
        }
        for (int count : counts) {
            assertTrue(count > 9_500 && count < 10_500, "a third of 30,000, give or take: " + count);
        }
    }

    @Test
    void aPartOutsideTheJobIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BetBook.partBounds(2, 2));
        assertThrows(IllegalArgumentException.class, () -> BetBook.partBounds(0, 0));
    }

    /** PostgreSQL's order of UUIDs: their 16 bytes, unsigned, first to last. */
    private static int compareAsBytes(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
