package io.cellbet.ops.bench.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class DeltaFramesTest {

    @Test
    void readsTsOfADelta() {
        Buffer frame = Buffer.buffer("{\"type\":\"delta\",\"event\":\"sr:match:1\",\"seq\":43,\"ts\":1764300000000,"
                + "\"markets\":[{\"typeId\":1,\"outcomes\":[{\"id\":\"1\",\"odds\":1.85}]}]}");

        assertEquals(1764300000000L, DeltaFrames.deltaTs(frame));
    }

    @Test
    void readsTsWhereverItStandsAndWithWhitespace() {
        assertEquals(1764300000123L, DeltaFrames.deltaTs(Buffer.buffer(
                "{\"ts\" : 1764300000123, \"event\":\"sr:match:1\",\"type\":\"delta\"}")));
    }

    @Test
    void ignoresKeysThatOnlyEndInTs() {
        assertEquals(7L, DeltaFrames.deltaTs(Buffer.buffer(
                "{\"type\":\"delta\",\"outcomes\":[],\"counts\":99,\"ts\":7}")));
    }

    @Test
    void heartbeatsSnapshotsAndErrorsAreNotDeltas() {
        assertEquals(DeltaFrames.NOT_A_DELTA, DeltaFrames.deltaTs(Buffer.buffer(
                "{\"type\":\"heartbeat\",\"ts\":1764300000000}")));
        assertEquals(DeltaFrames.NOT_A_DELTA, DeltaFrames.deltaTs(Buffer.buffer(
                "{\"type\":\"snapshot\",\"event\":\"sr:match:1\",\"seq\":42,\"ts\":1764300000000}")));
        assertEquals(DeltaFrames.NOT_A_DELTA, DeltaFrames.deltaTs(Buffer.buffer(
                "{\"type\":\"error\",\"code\":\"BAD_REQUEST\",\"detail\":\"x\"}")));
    }

    @Test
    void aDeltaWithoutANumericTsIsNotCounted() {
        assertEquals(DeltaFrames.NOT_A_DELTA, DeltaFrames.deltaTs(Buffer.buffer("{\"type\":\"delta\",\"seq\":1}")));
        assertEquals(DeltaFrames.NOT_A_DELTA, DeltaFrames.deltaTs(Buffer.buffer(
                "{\"type\":\"delta\",\"ts\":\"soon\"}")));
        assertEquals(DeltaFrames.NOT_A_DELTA, DeltaFrames.deltaTs(Buffer.buffer("{\"type\":\"delta\",\"ts\":")));
    }

    @Test
    void recognisesSubscribedAndErrorFrames() {
        assertTrue(DeltaFrames.isSubscribed(Buffer.buffer("{\"type\":\"subscribed\",\"events\":[\"sr:match:1\"]}")));
        assertFalse(DeltaFrames.isSubscribed(Buffer.buffer("{\"type\":\"delta\",\"ts\":1}")));
        assertTrue(DeltaFrames.isError(Buffer.buffer("{\"type\":\"error\",\"code\":\"X\"}")));
    }

    @Test
    void theBareServersMessagesAreDeltasOfTheAskedSize() {
        byte[] message = BareBroadcastServer.message(12345, 1764300000000L, 300);

        assertEquals(300, message.length);
        assertEquals(1764300000000L, DeltaFrames.deltaTs(Buffer.buffer(message)));
        assertEquals(BareBroadcastServer.MIN_MESSAGE_BYTES, BareBroadcastServer.message(9_999_999_999L,
                1764300000000L, BareBroadcastServer.MIN_MESSAGE_BYTES).length);
    }
}
