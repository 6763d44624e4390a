package io.cellbet.sportsbook.live;

import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventView;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One websocket client. Confined to the event loop of its connection ({@link #context}): every method but the
 * constructor runs there, so none needs a lock.
 *
 * <p>Frames go out as long as fewer than {@code in-flight-frames-max} are still on their way to the client. Past
 * that the client is slow: its changes are conflated, the latest state of each market kept, and sent when it has
 * caught up, each conflated frame carrying the latest sequence. A client owing more than
 * {@code conflated-markets-max} markets is closed (4008), so one slow client never holds memory or other clients.
 */
final class LiveSession {

    /** Close code for a client too slow to follow its subscriptions. */
    static final int CLOSE_TOO_SLOW = 4008;

    final WebSocketConnection connection;
    /** The connection's Vert.x websocket, for shared frames; null when only websockets-next can write. */
    final ServerWebSocket socket;
    final Context context;
    /** Null until the brand's view is resolved (off the event loop); commands wait for it in {@link #held}. */
    LiveView view;
    final List<String> held = new ArrayList<>();
    private final LiveHub hub;
    private final LiveConfig config;
    /** Subscribed events (wholly or for some markets) and the last sequence sent of each. */
    private final Map<String, Long> sent = new HashMap<>();
    /** Events subscribed only for some markets: their market keys. */
    private final Map<String, Set<String>> marketsOnly = new HashMap<>();
    private final Set<String> awaitingSnapshot = new HashSet<>();
    private final LinkedHashMap<String, Owed> owed = new LinkedHashMap<>();
    private int owedMarkets;
    private int inFlight;
    private long lastSentAt;
    private boolean closed;

    LiveSession(WebSocketConnection connection, Context context, LiveView view, LiveHub hub, LiveConfig config) {
        this.connection = connection;
        this.socket = DirectWrites.socket(connection);
        this.context = context;
        this.view = view;
        this.hub = hub;
        this.config = config;
        this.lastSentAt = System.currentTimeMillis();
    }

    int subscriptions() {
        int count = 0;
        for (String event : sent.keySet()) {
            Set<String> markets = marketsOnly.get(event);
            count += markets == null ? 1 : markets.size();
        }
        return count;
    }

    boolean subscribed(String eventId) {
        return sent.containsKey(eventId) && !marketsOnly.containsKey(eventId);
    }

    /** Subscribes to the whole event, or (with {@code marketKey}) to one of its markets. */
    void subscribe(EventChannel channel, String marketKey, Long resumeFrom) {
        String eventId = channel.eventId;
        boolean known = sent.containsKey(eventId);
        if (marketKey == null) {
            marketsOnly.remove(eventId);
        } else if (!known || marketsOnly.containsKey(eventId)) {
            marketsOnly.computeIfAbsent(eventId, event -> new HashSet<>()).add(marketKey);
        }
        if (known) {
            return;
        }
        channel.join(this);
        if (resumeFrom != null) {
            List<EventChannel.Published> missed = channel.since(resumeFrom);
            if (missed != null) {
                sent.put(eventId, resumeFrom);
                for (EventChannel.Published published : missed) {
                    deliver(published);
                }
                return;
            }
        }
        sent.put(eventId, -1L);
        awaitSnapshot(eventId);
    }

    void unsubscribe(EventChannel channel, String marketKey) {
        String eventId = channel.eventId;
        if (marketKey != null) {
            Set<String> markets = marketsOnly.get(eventId);
            if (markets == null || !markets.remove(marketKey) || !markets.isEmpty()) {
                return;
            }
        }
        sent.remove(eventId);
        marketsOnly.remove(eventId);
        awaitingSnapshot.remove(eventId);
        Owed dropped = owed.remove(eventId);
        if (dropped != null) {
            owedMarkets -= dropped.markets.size();
        }
        channel.leave(this);
    }

    /** Events this session listens to, for leaving them when it closes. */
    Set<String> events() {
        return sent.keySet();
    }

    /** A change of a subscribed event, in sequence order; true when a frame went out for it. */
    boolean deliver(EventChannel.Published published) {
        EventChanged change = published.change;
        Long last = sent.get(change.eventId());
        if (closed || last == null || awaitingSnapshot.contains(change.eventId()) || change.seq() <= last) {
            return false;
        }
        sent.put(change.eventId(), change.seq());
        if (inFlight < config.inFlightFramesMax() && owed.isEmpty()) {
            Set<String> markets = marketsOnly.get(change.eventId());
            if (markets == null) {
                EventChannel.Frame frame = published.frame(view, hub.frames());
                if (frame != null) {
                    send(frame);
                    return true;
                }
            } else {
                String frame = framed(only(view.change(change), markets), false);
                if (frame != null) {
                    send(frame);
                    return true;
                }
            }
        } else {
            owe(only(view.change(change), marketsOnly.get(change.eventId())));
        }
        return false;
    }

    /** The replica missed changes of the event: the client gets a snapshot, then what follows it. */
    void resync(String eventId) {
        if (sent.containsKey(eventId) && !awaitingSnapshot.contains(eventId)) {
            Owed dropped = owed.remove(eventId);
            if (dropped != null) {
                owedMarkets -= dropped.markets.size();
            }
            awaitSnapshot(eventId);
        }
    }

    private void awaitSnapshot(String eventId) {
        awaitingSnapshot.add(eventId);
        hub.loadSnapshot(this, eventId);
    }

    /** The event as read from the catalog (null: the cell does not know it yet), then the changes after it. */
    void snapshot(String eventId, EventView event, EventChannel channel) {
        if (closed || !awaitingSnapshot.remove(eventId) || !sent.containsKey(eventId)) {
            return;
        }
        long seq = 0;
        if (event != null) {
            seq = event.seq();
            EventView shown = view.event(event);
            Set<String> markets = marketsOnly.get(eventId);
            if (shown != null && markets != null) {
                List<EventView.MarketView> kept = new ArrayList<>();
                for (EventView.MarketView market : shown.markets()) {
                    if (markets.contains(EventChanged.MarketState.key(eventId, market.typeId(), market.specifiers()))) {
                        kept.add(market);
                    }
                }
                shown = shown.withMarkets(kept, shown.featured());
            }
            if (shown != null) {
                send(hub.frames().snapshot(shown));
            }
        }
        sent.put(eventId, seq);
        List<EventChannel.Published> after = channel.since(seq);
        if (after != null) {
            for (EventChannel.Published published : after) {
                deliver(published);
            }
        }
    }

    /** A frame shared by many clients: its bytes go straight to the socket when it can be reached. */
    void send(EventChannel.Frame frame) {
        if (socket == null) {
            send(frame.text);
            return;
        }
        if (closed) {
            return;
        }
        inFlight++;
        lastSentAt = System.currentTimeMillis();
        DirectWrites.write(socket, frame.bytes).onComplete(done -> written());
    }

    void send(String frame) {
        if (closed) {
            return;
        }
        inFlight++;
        lastSentAt = System.currentTimeMillis();
        connection.sendText(frame).subscribe().with(done -> written(), failure -> written());
    }

    void heartbeat(long now) {
        if (!closed && inFlight == 0 && now - lastSentAt >= config.heartbeatInterval().toMillis()) {
            send(hub.frames().heartbeat(now));
        }
    }

    void close(CloseReason reason) {
        if (!closed) {
            closed = true;
            connection.close(reason).subscribe().with(done -> { }, failure -> { });
        }
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    private void written() {
        inFlight--;
        if (!owed.isEmpty() && inFlight <= config.inFlightFramesMax() / 2) {
            Iterator<Owed> pending = owed.values().iterator();
            while (pending.hasNext() && inFlight < config.inFlightFramesMax()) {
                Owed next = pending.next();
                pending.remove();
                owedMarkets -= next.markets.size();
                send(hub.frames().delta(next.change(), true));
                hub.conflatedFrame();
            }
        }
    }

    private void owe(EventChanged change) {
        if (change == null || change.markets().isEmpty() && change.score() == null) {
            return;
        }
        Owed debt = owed.computeIfAbsent(change.eventId(), event -> new Owed(change));
        int before = debt.markets.size();
        debt.add(change);
        owedMarkets += debt.markets.size() - before;
        if (owedMarkets > config.conflatedMarketsMax()) {
            hub.droppedSlow();
            close(new CloseReason(CLOSE_TOO_SLOW, "too slow: more than " + config.conflatedMarketsMax()
                    + " markets owed"));
        }
    }

    private String framed(EventChanged change, boolean conflated) {
        return change == null || change.markets().isEmpty() && change.score() == null ? null
                : hub.frames().delta(change, conflated);
    }

    /** The change with only the given markets and no score (all of it when {@code markets} is null). */
    private static EventChanged only(EventChanged change, Set<String> markets) {
        if (change == null || markets == null) {
            return change;
        }
        List<EventChanged.MarketState> kept = new ArrayList<>();
        for (EventChanged.MarketState market : change.markets()) {
            if (markets.contains(EventChanged.MarketState.key(change.eventId(), market.typeId(),
                    market.specifiers()))) {
                kept.add(market);
            }
        }
        return new EventChanged(change.eventId(), change.sportId(), change.seq(), change.ts(), null, kept);
    }

    /** What a slow client is owed of one event: the latest of each market, the latest score and sequence. */
    private static final class Owed {

        private EventChanged latest;
        private EventChanged.Score score;
        private final LinkedHashMap<String, EventChanged.MarketState> markets = new LinkedHashMap<>();

        Owed(EventChanged first) {
            this.latest = first;
        }

        void add(EventChanged change) {
            latest = change;
            if (change.score() != null) {
                score = change.score();
            }
            for (EventChanged.MarketState market : change.markets()) {
                markets.put(market.typeId() + "/" + market.specifiers(), market);
            }
        }

        EventChanged change() {
            return new EventChanged(latest.eventId(), latest.sportId(), latest.seq(), latest.ts(), score,
                    new ArrayList<>(markets.values()));
        }
    }
}
