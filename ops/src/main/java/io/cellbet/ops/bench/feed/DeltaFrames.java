package io.cellbet.ops.bench.feed;

import io.vertx.core.buffer.Buffer;

/**
 * Reads what the load client needs from a server frame without parsing the JSON: whether it is a delta, and its
 * {@code "ts"} (the feed change's {@code generatedAt}, epoch ms). At 100,000 frames a second a JSON parser would
 * cost the client more than the measurement can afford on a shared 2-core machine.
 */
final class DeltaFrames {

    /** Answered for a frame that is not a delta or has no readable {@code ts}. */
    static final long NOT_A_DELTA = -1;

    private static final byte[] DELTA_TYPE = bytes("\"type\":\"delta\"");
    private static final byte[] TS_KEY = bytes("\"ts\"");
    private static final byte[] SUBSCRIBED_TYPE = bytes("\"type\":\"subscribed\"");
    private static final byte[] ERROR_TYPE = bytes("\"type\":\"error\"");

    private DeltaFrames() {
    }

    /** The {@code ts} of a delta frame, or {@link #NOT_A_DELTA} for anything else (heartbeats carry a ts too). */
    static long deltaTs(Buffer frame) {
        int length = frame.length();
        if (indexOf(frame, length, DELTA_TYPE, 0) < 0) {
            return NOT_A_DELTA;
        }
        int key = indexOf(frame, length, TS_KEY, 0);
        if (key < 0) {
            return NOT_A_DELTA;
        }
        int i = skipWhitespace(frame, length, key + TS_KEY.length);
        if (i >= length || frame.getByte(i) != ':') {
            return NOT_A_DELTA;
        }
        i = skipWhitespace(frame, length, i + 1);
        long value = 0;
        int digits = 0;
        while (i < length) {
            byte b = frame.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            digits++;
            i++;
        }
        // An epoch-ms value has 13 digits until the year 2286; more would overflow nothing, fewer is still a number.
        return digits == 0 || digits > 18 ? NOT_A_DELTA : value;
    }

    /** Whether the frame is a {@code subscribed} answer. */
    static boolean isSubscribed(Buffer frame) {
        return indexOf(frame, frame.length(), SUBSCRIBED_TYPE, 0) >= 0;
    }

    /** Whether the frame is an {@code error}. */
    static boolean isError(Buffer frame) {
        return indexOf(frame, frame.length(), ERROR_TYPE, 0) >= 0;
    }

    private static int skipWhitespace(Buffer frame, int length, int from) {
        int i = from;
        while (i < length) {
            byte b = frame.getByte(i);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    static int indexOf(Buffer frame, int length, byte[] needle, int from) {
        int last = length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (frame.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
