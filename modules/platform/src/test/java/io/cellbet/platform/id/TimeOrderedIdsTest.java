package io.cellbet.platform.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void isAVersion7IdOfTheMillisecondItWasMadeIn() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        long made = TimeOrderedIds.epochMillis(id);
        assertTrue(before <= made && made <= after, made + " not within " + before + ".." + after);
        // The text form starts with the time: 1,796,515,200,000 ms is 0x01a248a67c00, then the version.
        String text = TimeOrderedIds.at(1_796_515_200_000L).toString();
        assertTrue(text.startsWith("01a248a6-7c00-7"), text);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAsPostgresqlComparesThem() {
        // PostgreSQL compares uuids byte by byte, unsigned: as their text compares.
        for (long millis : new long[] {0L, 1_796_515_200_000L, 0x7FFF_FFFF_FFFFL, 0xFFFF_FFFF_FFFEL}) {
            for (int i = 0; i < 1_000; i++) {
                String earlier = TimeOrderedIds.at(millis).toString();
                String later = TimeOrderedIds.at(millis + 1).toString();
                assertTrue(earlier.compareTo(later) < 0, earlier + " !< " + later);
            }
        }
    }

    @Test
    void idsOfOneMillisecondAreDistinct() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(seen.add(TimeOrderedIds.at(1_796_515_200_000L)));
        }
    }
}
