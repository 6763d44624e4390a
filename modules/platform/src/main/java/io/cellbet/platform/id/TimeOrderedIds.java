package io.cellbet.platform.id;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDs that sort by the millisecond they were made in (RFC 9562, version 7): 48 bits of Unix time in milliseconds,
 * then 74 random bits. For the keys of rows written at every bet and transfer (bets, transfers, outbox messages): a
 * random (version 4) key lands on any leaf of its index, so each insert dirties another page, and after a checkpoint
 * the first change of each page writes the whole page to the write-ahead log; keys that grow with time keep the
 * inserts on the index's last pages. Two ids of one millisecond are in no particular order. The random bits come
 * from {@link ThreadLocalRandom}: unique, not secret. Such an id names a row; it never grants access to it.
 */
public final class TimeOrderedIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long RANDOM_A_MASK = 0x0FFFL;
    private static final long VARIANT_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private TimeOrderedIds() {
    }

    /** A new id of the current millisecond. */
    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    /** A new id of the given millisecond of Unix time. */
    static UUID at(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | VERSION_7 | (random.nextLong() & RANDOM_A_MASK);
        long low = (random.nextLong() & VARIANT_MASK) | VARIANT_RFC;
        return new UUID(high, low);
    }

    /** The millisecond of Unix time an id of this class was made in (what the tests check it by). */
    static long epochMillis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
