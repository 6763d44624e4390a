package io.cellbet.sportsbook.live;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The changes waiting for one event loop's clients, written by one task that takes everything waiting. While the
 * loop keeps up, a task finds one change, and each client's frame goes out at once. When changes come faster than
 * the loop writes them (a burst, or a box near its limit), one task writes all of them: each client's frames are
 * queued on its channel and flushed together, one system call for several frames. The kernel's work per system call
 * is most of a fan-out's cost (ops/README.md, feed), so the cell does less per frame exactly when it is short of
 * time, instead of falling further behind.
 *
 * <p>Changes are written in the order they were handed over, so each client still gets an event's changes in
 * sequence order.
 */
final class LoopFanOut {

    private final Context context;
    private final Queue<Work> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Counter delivered;
    private final Counter batched;
    /** Sessions with frames written and not yet flushed by the task under way; touched on the loop only. */
    private final List<LiveSession> unflushed = new ArrayList<>();

    LoopFanOut(Context context, Counter delivered, Counter batched) {
        this.context = context;
        this.delivered = delivered;
        this.batched = batched;
    }

    /** A change for the subscriptions of this loop. */
    void deliver(LiveSession.Subscription[] members, EventChannel.Published published) {
        hand(new Work(members, published));
    }

    /** The replica missed changes of an event: its subscriptions on this loop take a snapshot. */
    void resync(LiveSession.Subscription[] members) {
        hand(new Work(members, null));
    }

    private void hand(Work work) {
        waiting.add(work);
        // The flag is cleared before the task takes the queue, so work added after that schedules the next task.
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        scheduled.set(false);
        long now = System.currentTimeMillis();
        int sent = 0;
        int changes = 0;
        Work work = waiting.poll();
        while (work != null) {
            Work next = waiting.poll();
            if (work.published == null) {
                for (LiveSession.Subscription subscription : work.members) {
                    subscription.session.resync(subscription);
                }
            } else {
                changes++;
                // A change alone goes out to each client at once; changes that waited together are flushed together.
                List<LiveSession> flushLater = next == null && unflushed.isEmpty() ? null : unflushed;
                for (LiveSession.Subscription subscription : work.members) {
                    sent += subscription.session.deliver(subscription, work.published, now, flushLater) ? 1 : 0;
                }
            }
            work = next;
        }
        for (int i = 0; i < unflushed.size(); i++) {
            unflushed.get(i).flush();
        }
        unflushed.clear();
        delivered.increment(sent);
        if (changes > 1) {
            batched.increment(changes - 1);
        }
    }

    /** A change (or, with no {@code published}, a resync) for some subscriptions of this loop. */
    private record Work(LiveSession.Subscription[] members, EventChannel.Published published) {
    }
}
