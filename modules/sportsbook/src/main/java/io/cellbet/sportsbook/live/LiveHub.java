package io.cellbet.sportsbook.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventView;
import io.cellbet.sportsbook.catalog.BettingOffer;
import io.cellbet.sportsbook.catalog.CatalogCommitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Pushes the cell's catalog changes to websocket clients. A change heard from {@link LiveFeed} is taken in once per
 * event in sequence order, serialised once per view, and handed to each event loop that has subscribers of the event
 * ({@link LoopFanOut}): a task writes the same frame to each of its clients, and when changes wait for a loop, one
 * task writes them all, flushing each client once.
 */
@ApplicationScoped
public class LiveHub {

    static final Pattern EVENT_ID = Pattern.compile("[a-z]+:[a-z_]+:[0-9]{1,18}");
    static final Pattern SPECIFIERS = Pattern.compile("([a-z_]+=[^|/=]+(\\|[a-z_]+=[^|/=]+)*)?");
    /** Most market type id a subscription may name. */
    static final int MARKET_TYPE_MAX = 100_000;
    /** Commands a client may send before its brand is looked up. */
    static final int HELD_COMMANDS_MAX = 16;
    /** Close code for a connection the server refuses (an unknown brand). */
    static final int CLOSE_POLICY = 1008;

    private final BettingOffer offer;
    private final BrandViews views;
    private final LiveConfig config;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final LiveFrames frames;
    private final Map<String, EventChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    /** One context per event loop thread that serves clients. */
    private final Map<Thread, Context> loops = new ConcurrentHashMap<>();
    /** What each event loop has still to write. */
    private final Map<Context, LoopFanOut> fanOuts = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter batched;
    private final Counter conflated;
    private final Counter droppedSlow;
    private long heartbeatTimer = -1;

    public LiveHub(BettingOffer offer, BrandViews views, LiveConfig config, Vertx vertx, ObjectMapper json,
            MeterRegistry metrics) {
        this.offer = offer;
        this.views = views;
        this.config = config;
        this.vertx = vertx;
        this.json = json;
        this.frames = new LiveFrames(json);
        this.delivered = metrics.counter("cellbet.live.frames.sent");
        this.batched = metrics.counter("cellbet.live.changes.batched");
        this.conflated = metrics.counter("cellbet.live.frames.conflated");
        this.droppedSlow = metrics.counter("cellbet.live.sessions.dropped.slow");
        metrics.gaugeMapSize("cellbet.live.sessions", List.of(), sessions);
    }

    void onStart(@Observes StartupEvent event) {
        heartbeatTimer = vertx.setPeriodic(1_000, tick -> heartbeats());
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(heartbeatTimer);
    }

    /**
     * Changes this replica just committed: pushed at once, ahead of their copies on {@code cell.live} (which then
     * find them already taken in). That spares this replica's clients the outbox relay's transaction and a second
     * trip through the broker: 7-9 ms of the 16 ms from a change's publication to the hub, measured at 1 change/s.
     * A change that does not follow the last one this replica heard (another replica committed the one before, and
     * its copy is not here yet) waits for {@code cell.live}, where it comes in order, rather than making the clients
     * take a snapshot.
     */
    void committed(@Observes CatalogCommitted committed) {
        for (EventChanged change : committed.changes()) {
            accept(change, true);
        }
    }

    /** A change heard on {@code cell.live}. */
    public void accept(EventChanged change) {
        accept(change, false);
    }

    /**
     * Two threads call this (the feed's consumer after its commits and {@code cell.live}'s), so a change is taken in
     * and handed to the event loops under its channel's lock: each loop gets an event's changes in sequence order.
     */
    private void accept(EventChanged change, boolean committedHere) {
        offer.changed(change.eventId());
        EventChannel channel = channels.computeIfAbsent(change.eventId(), EventChannel::new);
        synchronized (channel) {
            EventChannel.Dispatch dispatch = channel.publish(change, committedHere, config.replayMax(),
                    config.replayWindow().toMillis(), System.currentTimeMillis());
            if (dispatch != null) {
                dispatch(dispatch);
            }
        }
    }

    private void dispatch(EventChannel.Dispatch dispatch) {
        for (EventChannel.Group group : dispatch.groups()) {
            LoopFanOut fanOut = fanOuts.computeIfAbsent(group.context(),
                    context -> new LoopFanOut(context, delivered, batched));
            if (dispatch.gap()) {
                fanOut.resync(group.subscriptions());
            } else {
                fanOut.deliver(group.subscriptions(), dispatch.published());
            }
        }
    }

    /** Sessions open on this replica. */
    public int sessions() {
        return sessions.size();
    }

    /** Whether every open session writes shared frames straight to its socket (see {@link DirectWrites}). */
    public boolean writesDirectly() {
        return !sessions.isEmpty() && sessions.values().stream().allMatch(session -> session.socket != null);
    }

    /**
     * A new client, on its connection's event loop. Its session is confined to that event loop's thread, and every
     * session of one thread shares one context, so a change is one task per event loop, not one per client.
     */
    void open(WebSocketConnection connection, Context context, String brand) {
        Context loop = loops.computeIfAbsent(Thread.currentThread(), thread -> context);
        if (brand == null) {
            sessions.put(connection.id(), new LiveSession(connection, loop, views.raw(), this, config));
            return;
        }
        LiveSession session = new LiveSession(connection, loop, null, this, config);
        sessions.put(connection.id(), session);
        // The brand is looked up off the event loop; commands sent meanwhile wait for it, in order.
        loop.<Optional<BrandViews.View>>executeBlocking(() -> views.of(brand), false).onComplete(found -> {
            if (found.failed() || found.result().isEmpty()) {
                session.send(frames.error("UNKNOWN_BRAND", "no brand " + brand + " in this cell"));
                session.close(new CloseReason(CLOSE_POLICY, "unknown brand"));
                return;
            }
            session.view = found.result().get();
            List<String> waiting = new ArrayList<>(session.held);
            session.held.clear();
            for (String command : waiting) {
                command(connection, command);
            }
        });
    }

    /** Runs on the session's event loop. */
    void closed(WebSocketConnection connection) {
        LiveSession session = sessions.remove(connection.id());
        if (session == null) {
            return;
        }
        session.markClosed();
        for (LiveSession.Subscription subscription : new ArrayList<>(session.subscriptionList())) {
            EventChannel channel = channels.get(subscription.eventId);
            if (channel != null) {
                channel.leave(subscription);
            }
        }
    }

    /** A client's command; runs on the session's event loop. Bad input gets an error frame and changes nothing. */
    void command(WebSocketConnection connection, String text) {
        LiveSession session = sessions.get(connection.id());
        if (session == null || session.closed()) {
            return;
        }
        if (session.view == null) {
            if (session.held.size() < HELD_COMMANDS_MAX) {
                session.held.add(text);
            } else {
                session.send(frames.error("BAD_COMMAND", "at most " + HELD_COMMANDS_MAX
                        + " commands before the connection is ready"));
            }
            return;
        }
        Command command;
        try {
            command = parse(text);
        } catch (CommandException e) {
            session.send(frames.error(e.code, e.getMessage()));
            return;
        }
        if (command.subscribe) {
            int adding = 0;
            for (String eventId : command.events) {
                adding += session.subscribed(eventId) ? 0 : 1;
            }
            adding += command.markets.size();
            if (session.subscriptions() + adding > config.subscriptionsMax()) {
                session.send(frames.error("TOO_MANY_SUBSCRIPTIONS", "a client may hold at most "
                        + config.subscriptionsMax() + " subscriptions; this one would hold "
                        + (session.subscriptions() + adding)));
                return;
            }
            session.send(frames.subscribed(new ArrayList<>(command.events), new ArrayList<>(command.markets.keySet()),
                    List.of()));
            for (String eventId : command.events) {
                session.subscribe(channel(eventId), null, command.resume.get(eventId));
            }
            command.markets.forEach((key, eventId) -> session.subscribe(channel(eventId), key,
                    command.resume.get(eventId)));
        } else {
            for (String eventId : command.events) {
                session.unsubscribe(channel(eventId), null);
            }
            command.markets.forEach((key, eventId) -> session.unsubscribe(channel(eventId), key));
            session.send(frames.unsubscribed(new ArrayList<>(command.events),
                    new ArrayList<>(command.markets.keySet())));
        }
    }

    /** Reads the event off the event loop, then hands it to the session on its own. */
    void loadSnapshot(LiveSession.Subscription subscription) {
        String eventId = subscription.eventId;
        EventChannel channel = channel(eventId);
        LiveSession session = subscription.session;
        session.context.<EventView>executeBlocking(() -> offer.event(eventId).orElse(null), false)
                .onComplete(read -> session.snapshot(subscription, read.succeeded() ? read.result() : null, channel));
    }

    LiveFrames frames() {
        return frames;
    }

    void conflatedFrame() {
        conflated.increment();
    }

    void droppedSlow() {
        droppedSlow.increment();
    }

    private EventChannel channel(String eventId) {
        return channels.computeIfAbsent(eventId, EventChannel::new);
    }

    private void heartbeats() {
        long now = System.currentTimeMillis();
        Map<Context, List<LiveSession>> byLoop = new HashMap<>();
        for (LiveSession session : sessions.values()) {
            byLoop.computeIfAbsent(session.context, context -> new ArrayList<>()).add(session);
        }
        byLoop.forEach((context, members) -> context.runOnContext(v -> {
            for (LiveSession session : members) {
                session.heartbeat(now);
            }
        }));
    }

    private Command parse(String text) throws CommandException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CommandException("BAD_COMMAND", "not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new CommandException("BAD_COMMAND", "a command is a JSON object");
        }
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!Set.of("op", "events", "markets", "resume").contains(field)) {
                throw new CommandException("BAD_COMMAND", "unknown field " + field);
            }
        }
        String op = node.path("op").asText("");
        if (!op.equals("subscribe") && !op.equals("unsubscribe")) {
            throw new CommandException("BAD_COMMAND", "op must be subscribe or unsubscribe");
        }
        Set<String> events = new LinkedHashSet<>();
        for (String eventId : strings(node, "events")) {
            if (!EVENT_ID.matcher(eventId).matches()) {
                throw new CommandException("INVALID_EVENT_ID", "not an event id: " + eventId);
            }
            events.add(eventId);
        }
        Map<String, String> markets = new LinkedHashMap<>();
        for (String key : strings(node, "markets")) {
            markets.put(key, marketEvent(key));
        }
        Map<String, Long> resume = new HashMap<>();
        JsonNode resumes = node.path("resume");
        if (!resumes.isMissingNode()) {
            if (!resumes.isObject() || !op.equals("subscribe")) {
                throw new CommandException("BAD_COMMAND", "resume is an object of event id to sequence, on subscribe");
            }
            for (Iterator<Map.Entry<String, JsonNode>> entries = resumes.fields(); entries.hasNext();) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!EVENT_ID.matcher(entry.getKey()).matches()) {
                    throw new CommandException("INVALID_EVENT_ID", "not an event id: " + entry.getKey());
                }
                if (!entry.getValue().canConvertToLong() || !entry.getValue().isIntegralNumber()
                        || entry.getValue().asLong() < 0) {
                    throw new CommandException("BAD_COMMAND", "resume sequence of " + entry.getKey()
                            + " must be a whole number from 0");
                }
                resume.put(entry.getKey(), entry.getValue().asLong());
            }
        }
        if (events.isEmpty() && markets.isEmpty()) {
            throw new CommandException("BAD_COMMAND", "name at least one event or market");
        }
        return new Command(op.equals("subscribe"), events, markets, resume);
    }

    private List<String> strings(JsonNode node, String field) throws CommandException {
        JsonNode values = node.path(field);
        if (values.isMissingNode()) {
            return List.of();
        }
        if (!values.isArray() || values.size() > config.subscriptionsMax()) {
            throw new CommandException("BAD_COMMAND", field + " must be an array of at most "
                    + config.subscriptionsMax() + " strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw new CommandException("BAD_COMMAND", field + " must be an array of strings");
            }
            strings.add(value.asText());
        }
        return strings;
    }

    /** The event of a market key {@code <eventId>/<typeId>/<specifiers>}. */
    private static String marketEvent(String key) throws CommandException {
        String[] parts = key.split("/", -1);
        if (parts.length != 3 || !EVENT_ID.matcher(parts[0]).matches() || !SPECIFIERS.matcher(parts[2]).matches()) {
            throw new CommandException("INVALID_MARKET", "not a market key <eventId>/<typeId>/<specifiers>: " + key);
        }
        try {
            int type = Integer.parseInt(parts[1]);
            if (type < 1 || type > MARKET_TYPE_MAX) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new CommandException("INVALID_MARKET", "market type must be a whole number from 1 to "
                    + MARKET_TYPE_MAX + ": " + key);
        }
        return parts[0];
    }

    private record Command(boolean subscribe, Set<String> events, Map<String, String> markets,
            Map<String, Long> resume) {
    }

    private static final class CommandException extends Exception {

        final String code;

        CommandException(String code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }
    }
}
