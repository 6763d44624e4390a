package io.cellbet.sportsbook.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventView;
import java.util.List;
import java.util.Map;

/** The frames the server writes on {@code /live}, one JSON object per text frame (see the README's protocol). */
final class LiveFrames {

    private final ObjectMapper json;

    LiveFrames(ObjectMapper json) {
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    String delta(EventChanged change, boolean conflated) {
        return write(new Delta("delta", change.eventId(), change.seq(), change.ts(), change.score(), change.markets(),
                conflated ? Boolean.TRUE : null));
    }

    String snapshot(EventView event) {
        return write(new Snapshot("snapshot", event.id(), event.seq(), event));
    }

    String subscribed(List<String> events, List<String> markets, List<String> unknown) {
        return write(new Subscribed("subscribed", events, markets, unknown.isEmpty() ? null : unknown));
    }

    String unsubscribed(List<String> events, List<String> markets) {
        return write(new Subscribed("unsubscribed", events, markets, null));
    }

    String heartbeat(long now) {
        return write(Map.of("type", "heartbeat", "at", now));
    }

    String error(String code, String detail) {
        return write(new Failure("error", code, detail));
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live frame not serialisable", e);
        }
    }

    record Delta(String type, String event, long seq, long ts, EventChanged.Score score,
            List<EventChanged.MarketState> markets, Boolean conflated) {
    }

    record Snapshot(String type, String event, long seq, EventView view) {
    }

    record Subscribed(String type, List<String> events, List<String> markets, List<String> unknown) {
    }

    record Failure(String type, String code, String detail) {
    }
}
