package io.cellbet.feed.api.uof;

import java.util.List;

/**
 * A feed routing key, {@code {priority}.{prematch}.{live}.{message_type}.{sport_id}.{event_urn_type}.{event_id}.{node_id}},
 * e.g. {@code hi.pre.-.odds_change.1.sr:match.1234.-}. {@code -} is an absent part: {@code null} here (system
 * messages have no event parts).
 */
public record RoutingKey(String priority, String prematch, String live, String messageType, Integer sportId,
        String eventUrnType, String eventId, String nodeId) {

    private static final String ABSENT = "-";
    private static final List<String> PRIORITIES = List.of("hi", "lo", ABSENT);
    private static final List<String> PREMATCH = List.of("pre", "virt", ABSENT);
    private static final List<String> LIVE = List.of("live", ABSENT);

    public static RoutingKey parse(String key) throws FeedParseException {
        if (key == null) {
            throw new FeedParseException("no routing key");
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length != 8) {
            throw new FeedParseException("routing key '" + key + "' has " + parts.length + " parts, expected 8");
        }
        if (!PRIORITIES.contains(parts[0]) || !PREMATCH.contains(parts[1]) || !LIVE.contains(parts[2])) {
            throw new FeedParseException("routing key '" + key + "': priority, prematch or live part is not one of "
                    + PRIORITIES + ", " + PREMATCH + ", " + LIVE);
        }
        if (parts[3].isEmpty() || parts[3].equals(ABSENT)) {
            throw new FeedParseException("routing key '" + key + "' has no message type");
        }
        Integer sportId = null;
        if (!parts[4].equals(ABSENT)) {
            try {
                sportId = Integer.parseInt(parts[4]);
            } catch (NumberFormatException e) {
                throw new FeedParseException("routing key '" + key + "': sport id '" + parts[4] + "' is not a number");
            }
        }
        return new RoutingKey(part(parts[0]), part(parts[1]), part(parts[2]), parts[3], sportId, part(parts[5]),
                part(parts[6]), part(parts[7]));
    }

    /** The key a message about an event is published with. */
    public static RoutingKey forEvent(FeedMessage.EventMessage message, boolean highPriority, boolean live,
            int sportId) {
        String urn = message.eventId();
        int lastColon = urn.lastIndexOf(':');
        String urnType = lastColon < 0 ? urn : urn.substring(0, lastColon);
        String id = lastColon < 0 ? urn : urn.substring(lastColon + 1);
        return new RoutingKey(highPriority ? "hi" : "lo", live ? null : "pre", live ? "live" : null, message.type(),
                sportId, urnType, id, null);
    }

    /** The key of a system message ({@code alive}, {@code snapshot_complete}): no event parts. */
    public static RoutingKey forSystem(FeedMessage message) {
        return new RoutingKey(null, null, null, message.type(), null, null, null, null);
    }

    /** The event's URN rebuilt from the key ({@code sr:match} + {@code 1234}), or null for a system message. */
    public String eventUrn() {
        return eventUrnType == null || eventId == null ? null : eventUrnType + ":" + eventId;
    }

    @Override
    public String toString() {
        return String.join(".", text(priority), text(prematch), text(live), messageType,
                sportId == null ? ABSENT : Integer.toString(sportId), text(eventUrnType), text(eventId), text(nodeId));
    }

    private static String part(String value) {
        return value.equals(ABSENT) ? null : value;
    }

    private static String text(String value) {
        return value == null ? ABSENT : value;
    }
}
