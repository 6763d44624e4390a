package io.cellbet.sportsbook.live;

import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventView;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.Collection;
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
    /** The channel under {@link #socket}, where shared frames go already encoded. */
    private final Channel channel;
    final Context context;
    /** Null until the brand's view is resolved (off the event loop); commands wait for it in {@link #held}. */
    LiveView view;
    final List<String> held = new ArrayList<>();
    private final LiveHub hub;
    private final LiveConfig config;
    /** Subscribed events (wholly or for some markets), by event id. */
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final LinkedHashMap<String, Owed> owed = new LinkedHashMap<>();
    /** Completes every shared frame's write; one instance, so a write allocates no callback of its own. */
    private final ChannelFutureListener onFlushed = done -> written();
    private int owedMarkets;
    private int inFlight;
    /** Shared frames are queued on the channel and wait for {@link #flush}. */
    private boolean flushOwed;
    private long lastSentAt;
    private boolean closed;

    LiveSession(WebSocketConnection connection, Context context, LiveView view, LiveHub hub, LiveConfig config) {
        this.connection = connection;
        ServerWebSocket direct = DirectWrites.socket(connection);
        this.channel = direct == null ? null : DirectWrites.channel(direct);
        this.socket = channel == null ? null : direct;
        this.context = context;
        this.view = view;
        this.hub = hub;
        this.config = config;
        this.lastSentAt = System.currentTimeMillis();
    }

    int subscriptions() {
        int count = 0;
        for (Subscription subscription : subscriptions.values()) {
            count += subscription.markets == null ? 1 : subscription.markets.size();
        }
        return count;
    }

    boolean subscribed(String eventId) {
        Subscription subscription = subscriptions.get(eventId);
        return subscription != null && subscription.markets == null;
    }

    /** Subscribes to the whole event, or (with {@code marketKey}) to one of its markets. */
    void subscribe(EventChannel channel, String marketKey, Long resumeFrom) {
        Subscription subscription = subscriptions.get(channel.eventId);
        boolean known = subscription != null;
        if (!known) {
            subscription = new Subscription(this, channel.eventId);
        }
        if (marketKey == null) {
            subscription.markets = null;
        } else if (!known || subscription.markets != null) {
            if (subscription.markets == null) {
                subscription.markets = new HashSet<>();
            }
            subscription.markets.add(marketKey);
        }
        if (known) {
            return;
        }
        subscriptions.put(channel.eventId, subscription);
        channel.join(subscription);
        if (resumeFrom != null) {
            List<EventChannel.Published> missed = channel.since(resumeFrom);
            if (missed != null) {
                subscription.lastSeq = resumeFrom;
                long now = System.currentTimeMillis();
                for (EventChannel.Published published : missed) {
                    deliver(subscription, published, now);
                }
                return;
            }
        }
        awaitSnapshot(subscription);
    }

    void unsubscribe(EventChannel channel, String marketKey) {
        Subscription subscription = subscriptions.get(channel.eventId);
        if (subscription == null) {
            return;
        }
        if (marketKey != null && (subscription.markets == null || !subscription.markets.remove(marketKey)
                || !subscription.markets.isEmpty())) {
            return;
        }
        subscriptions.remove(channel.eventId);
        subscription.ended = true;
        forgive(channel.eventId);
        channel.leave(subscription);
    }

    /** What this session listens to, for leaving the channels when it closes. */
    Collection<Subscription> subscriptionList() {
        return subscriptions.values();
    }

    /**
     * A change of a subscribed event, in sequence order; true when a frame went out for it. This is the fan-out's
     * inner loop: it reads the subscription's own fields, with no lookup by event id.
     */
    boolean deliver(Subscription subscription, EventChannel.Published published, long now) {
        return deliver(subscription, published, now, null);
    }

    /**
     * The same; with {@code unflushed}, a shared frame is only queued on the channel, and this session joins the list
     * (once) to be {@link #flush flushed} with the other frames its loop's task writes to it.
     */
    boolean deliver(Subscription subscription, EventChannel.Published published, long now,
            List<LiveSession> unflushed) {
        EventChanged change = published.change;
        if (closed || subscription.ended || subscription.awaitingSnapshot || change.seq() <= subscription.lastSeq) {
            return false;
        }
        subscription.lastSeq = change.seq();
        if (inFlight < config.inFlightFramesMax() && owed.isEmpty()) {
            if (subscription.markets == null) {
                EventChannel.Frame frame = published.frame(view, hub.frames());
                if (frame != null) {
                    send(frame, now, unflushed);
                    return true;
                }
            } else {
                String frame = framed(only(view.change(change), subscription.markets), false);
                if (frame != null) {
                    send(frame);
                    return true;
                }
            }
        } else {
            owe(only(view.change(change), subscription.markets));
        }
        return false;
    }

    /** The replica missed changes of the event: the client gets a snapshot, then what follows it. */
    void resync(Subscription subscription) {
        if (!subscription.ended && !subscription.awaitingSnapshot) {
            forgive(subscription.eventId);
            awaitSnapshot(subscription);
        }
    }

    private void awaitSnapshot(Subscription subscription) {
        subscription.lastSeq = -1;
        subscription.awaitingSnapshot = true;
        hub.loadSnapshot(subscription);
    }

    private void forgive(String eventId) {
        Owed dropped = owed.remove(eventId);
        if (dropped != null) {
            owedMarkets -= dropped.markets.size();
        }
    }

    /** The event as read from the catalog (null: the cell does not know it yet), then the changes after it. */
    void snapshot(Subscription subscription, EventView event, EventChannel channel) {
        if (closed || subscription.ended || !subscription.awaitingSnapshot) {
            return;
        }
        subscription.awaitingSnapshot = false;
        long seq = 0;
        if (event != null) {
            seq = event.seq();
            EventView shown = view.event(event);
            Set<String> markets = subscription.markets;
            if (shown != null && markets != null) {
                List<EventView.MarketView> kept = new ArrayList<>();
                for (EventView.MarketView market : shown.markets()) {
                    if (markets.contains(EventChanged.MarketState.key(subscription.eventId, market.typeId(),
                            market.specifiers()))) {
                        kept.add(market);
                    }
                }
                shown = shown.withMarkets(kept, shown.featured());
            }
            if (shown != null) {
                send(hub.frames().snapshot(shown));
            }
        }
        subscription.lastSeq = seq;
        List<EventChannel.Published> after = channel.since(seq);
        if (after != null) {
            long now = System.currentTimeMillis();
            for (EventChannel.Published published : after) {
                deliver(subscription, published, now);
            }
        }
    }

    /**
     * A frame shared by many clients: its bytes go straight to the socket when it can be reached, at once, or with
     * {@code unflushed} when this session's loop flushes it.
     */
    void send(EventChannel.Frame frame, long now, List<LiveSession> unflushed) {
        if (socket == null) {
            send(frame.text);
            return;
        }
        if (closed) {
            return;
        }
        inFlight++;
        lastSentAt = now;
        if (unflushed == null) {
            DirectWrites.write(channel, frame.wire, onFlushed);
            return;
        }
        DirectWrites.queue(channel, frame.wire, onFlushed);
        if (!flushOwed) {
            flushOwed = true;
            unflushed.add(this);
        }
    }

    /** Sends the shared frames queued on the channel: one system call for all of them. */
    void flush() {
        flushOwed = false;
        channel.flush();
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

    /**
     * One session's subscription to one event. The event's channel holds these, so a change reaches each client by
     * its subscription, with no lookup by event id; confined to the session's event loop like the session.
     */
    static final class Subscription {

        final LiveSession session;
        final String eventId;
        /** The last sequence sent (or resumed from); -1 before the first snapshot. */
        long lastSeq = -1;
        /** The market keys when only some markets are subscribed; null for the whole event. */
        Set<String> markets;
        boolean awaitingSnapshot;
        /** Unsubscribed: a change already on its way to this subscription is dropped. */
        boolean ended;

        Subscription(LiveSession session, String eventId) {
            this.session = session;
            this.eventId = eventId;
        }
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
