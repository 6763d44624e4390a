package io.cellbet.sportsbook.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.sportsbook.api.EventChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event's changes as one replica hears them: from {@code cell.live}, where every replica's commits arrive in
 * order, and from its own commits, pushed ahead of their copies. An own commit is taken in only when it follows the
 * last change heard; otherwise the copies from {@code cell.live} bring it in order, so clients get no needless snapshot.
 */
class EventChannelTest {

    private static final String EVENT = "sr:match:7";

    private final EventChannel channel = new EventChannel(EVENT);

    @Test
    void anOwnCommitFollowingTheLastChangeGoesOutAndItsCopyIsDropped() {
        assertEquals(1, broker(1).published().change.seq());
        EventChannel.Dispatch own = own(2);
        assertEquals(2, own.published().change.seq());
        assertFalse(own.gap());
        assertNull(broker(2), "the copy from cell.live is one the replica already has");
        assertEquals(3, broker(3).published().change.seq());
    }

    @Test
    void anOwnCommitAfterAnotherReplicasWaitsForCellLive() {
        broker(1);
        // Another replica committed 2; its copy is on its way. This replica's 3 waits rather than open a gap.
        assertNull(own(3));
        EventChannel.Dispatch second = broker(2);
        assertFalse(second.gap());
        EventChannel.Dispatch third = broker(3);
        assertEquals(3, third.published().change.seq());
        assertFalse(third.gap(), "in order: no client needs a snapshot");
    }

    @Test
    void beforeAnyChangeIsHeardAnOwnCommitStartsTheSequenceWhileNobodyListens() {
        assertEquals(5, own(5).published().change.seq());
        assertNull(broker(4), "older than what the replica holds");
        assertEquals(6, own(6).published().change.seq());
    }

    @Test
    void aChangeMissedOnCellLiveIsStillAGap() {
        broker(1);
        EventChannel.Dispatch after = broker(3);
        assertEquals(3, after.published().change.seq());
        assertTrue(after.gap());
    }

    private EventChannel.Dispatch broker(long seq) {
        return channel.publish(change(seq), 32, 60_000, System.currentTimeMillis());
    }

    private EventChannel.Dispatch own(long seq) {
        return channel.publish(change(seq), true, 32, 60_000, System.currentTimeMillis());
    }

    private static EventChanged change(long seq) {
        return new EventChanged(EVENT, 1, seq, 1_000 + seq, null, List.of());
    }
}
