package io.cellbet.sportsbook.live;

import io.cellbet.sportsbook.api.EventChanged;
import io.vertx.core.Context;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One event's live changes on this replica: the last sequence heard, the recent changes (so a client resumes instead
 * of taking a snapshot), and the sessions subscribed to it, grouped by the event loop that writes to them.
 */
final class EventChannel {

    final String eventId;
    private long lastSeq = -1;
    private final ArrayDeque<Published> recent = new ArrayDeque<>();
    private final Map<Context, Set<LiveSession.Subscription>> members = new HashMap<>();
    private Group[] groups = new Group[0];
    private boolean regroup;

    EventChannel(String eventId) {
        this.eventId = eventId;
    }

    /**
     * Takes the change in unless it is one this replica already has; {@code gap} tells that changes before it were
     * missed (their sessions need a snapshot).
     */
    synchronized Dispatch publish(EventChanged change, int replayMax, long replayWindowMs, long now) {
        return publish(change, false, replayMax, replayWindowMs, now);
    }

    /**
     * The same; with {@code nextOnly}, only the change right after the last one heard is taken in, and any other is left
     * out (null) instead of counting as a gap. This replica's own commits come that way: when another replica committed
     * the change before, its copy is still on its way on {@code cell.live}, and so is this one's, in order after it.
     * Before any change was heard there is no last one to follow: an own commit is taken in only while nobody is
     * subscribed (nobody can miss the change before it); otherwise the first comes from {@code cell.live}.
     */
    synchronized Dispatch publish(EventChanged change, boolean nextOnly, int replayMax, long replayWindowMs,
            long now) {
        if (nextOnly ? lastSeq < 0 ? !members.isEmpty() : change.seq() != lastSeq + 1
                : lastSeq >= 0 && change.seq() <= lastSeq) {
            return null;
        }
        boolean gap = lastSeq >= 0 && change.seq() > lastSeq + 1;
        if (gap) {
            recent.clear();
        }
        Published published = new Published(change, now);
        recent.addLast(published);
        while (recent.size() > replayMax || recent.peekFirst().heardAt < now - replayWindowMs) {
            recent.removeFirst();
        }
        lastSeq = change.seq();
        return new Dispatch(published, gap, groups());
    }

    /** The changes after {@code seq}, when this replica still holds every one of them; null when it does not. */
    synchronized List<Published> since(long seq) {
        if (lastSeq < 0 || seq > lastSeq) {
            return null;
        }
        if (seq == lastSeq) {
            return List.of();
        }
        if (recent.isEmpty() || recent.peekFirst().change.seq() > seq + 1) {
            return null;
        }
        List<Published> after = new ArrayList<>();
        for (Published published : recent) {
            if (published.change.seq() > seq) {
                after.add(published);
            }
        }
        return after;
    }

    synchronized void join(LiveSession.Subscription subscription) {
        members.computeIfAbsent(subscription.session.context, context -> new LinkedHashSet<>()).add(subscription);
        regroup = true;
    }

    synchronized void leave(LiveSession.Subscription subscription) {
        Context context = subscription.session.context;
        Set<LiveSession.Subscription> subscriptions = members.get(context);
        if (subscriptions != null && subscriptions.remove(subscription)) {
            if (subscriptions.isEmpty()) {
                members.remove(context);
            }
            regroup = true;
        }
    }

    /** Rebuilt only when membership changed since the last change, not per change. */
    private Group[] groups() {
        if (regroup) {
            List<Group> rebuilt = new ArrayList<>();
            members.forEach((context, subscriptions) -> rebuilt.add(new Group(context,
                    subscriptions.toArray(new LiveSession.Subscription[0]))));
            groups = rebuilt.toArray(new Group[0]);
            regroup = false;
        }
        return groups;
    }

    /** A frame serialised once: its text, and the websocket frame it makes, shared by every socket it is written to. */
    static final class Frame {

        final String text;
        final ByteBuf wire;

        Frame(String text) {
            this.text = text;
            this.wire = DirectWrites.wire(text);
        }
    }

    /** The subscriptions one event loop serves, in one array: the fan-out walks it without a lookup. */
    record Group(Context context, LiveSession.Subscription[] subscriptions) {
    }

    record Dispatch(Published published, boolean gap, Group[] groups) {
    }

    /** A change as heard, with its frame per view, each serialised once when the first client of that view needs it. */
    static final class Published {

        final EventChanged change;
        final long heardAt;
        private final Map<String, Optional<Frame>> frames = new ConcurrentHashMap<>(2);
        /** The frame last asked for: clients of one event loop mostly share a view, so most asks end here. */
        private volatile ViewFrame last;

        Published(EventChanged change, long heardAt) {
            this.change = change;
            this.heardAt = heardAt;
        }

        /** The delta frame of this change for the view; null when the view shows nothing of it. */
        Frame frame(LiveView view, LiveFrames writer) {
            String viewKey = view.key();
            ViewFrame recent = last;
            if (recent != null && recent.viewKey.equals(viewKey)) {
                return recent.frame;
            }
            Frame frame = frames.computeIfAbsent(viewKey, key -> {
                EventChanged shown = view.change(change);
                return shown == null || shown.markets().isEmpty() && shown.score() == null ? Optional.empty()
                        : Optional.of(new Frame(writer.delta(shown, false)));
            }).orElse(null);
            last = new ViewFrame(viewKey, frame);
            return frame;
        }
    }

    /** A view's frame of one change; {@code frame} is null when the view shows nothing of it. */
    private record ViewFrame(String viewKey, Frame frame) {
    }
}
