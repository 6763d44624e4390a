package io.cellbet.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Work that follows a commit of the current transaction, and only a commit: a rolled-back transaction runs none of
 * it. It runs on the committing thread, right after the commit, so it must be quick and must not throw; a crash
 * before it runs loses it, so it may only speed up what the outbox delivers anyway (waking the relay, pushing a
 * change this replica committed to its own clients), never be the only way something happens.
 *
 * <p>Also writes that a transaction's parts gather, done once just before its commit ({@link #gatherBeforeCommit}).
 */
@ApplicationScoped
public class AfterCommit {

    private static final String BEFORE_COMMIT = AfterCommit.class.getName() + ".beforeCommit";

    private final TransactionSynchronizationRegistry transactions;

    public AfterCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code action} after the current transaction commits. */
    public void run(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    /** Runs {@code action} once after the current transaction commits, however often it is asked for {@code key}. */
    public void once(String key, Runnable action) {
        if (transactions.getResource(key) == null) {
            transactions.putResource(key, Boolean.TRUE);
            run(action);
        }
    }

    /**
     * Gathers {@code item} with the others of {@code key} in the current transaction, in the order they came; after
     * the commit, {@code onCommit} gets them all in one list, once.
     */
    public <T> void gather(String key, T item, Consumer<List<T>> onCommit) {
        this.<T>gathered(key, gathered -> run(() -> onCommit.accept(gathered))).add(item);
    }

    /**
     * Gathers {@code item} with the others of {@code key} in the current transaction, in the order they came; just
     * before the commit, {@code write} gets them all in one list, once, still inside the transaction, so that what it
     * throws rolls the transaction back. For a write that every part of a transaction asks for (an outbox row, say):
     * one statement for all of them, not one each. The gathered writes run in the order their keys first came, before
     * anything asked for {@link #lastBeforeCommit}.
     */
    public <T> void gatherBeforeCommit(String key, T item, Consumer<List<T>> write) {
        this.<T>gathered(key, gathered -> beforeCommit().writes().add(() -> write.accept(gathered))).add(item);
    }

    /**
     * Gathers {@code item} with the others of {@code key} in the current transaction, as {@link #gatherBeforeCommit}
     * does, but {@code write} runs after every gathered write, and gets only the items not taken meanwhile ({@link
     * #takeGathered}). For what must follow every other write of the transaction ({@link Sql#later}'s statements still
     * waiting, say).
     */
    public <T> void gatherLastBeforeCommit(String key, T item, Consumer<List<T>> write) {
        this.<T>gathered(key, gathered -> beforeCommit().last().add(() -> write.accept(taken(gathered)))).add(item);
    }

    /** Takes the items of {@code key} gathered so far in the current transaction (none outside one). */
    @SuppressWarnings("unchecked")
    public <T> List<T> takeGathered(String key) {
        List<T> items = inTransaction() ? (List<T>) transactions.getResource(key) : null;
        return items == null ? new ArrayList<>() : taken(items);
    }

    /** A copy of the items, which are no longer gathered. */
    private static <T> List<T> taken(List<T> gathered) {
        List<T> taken = new ArrayList<>(gathered);
        gathered.clear();
        return taken;
    }

    /**
     * Whether this thread runs in a transaction that has not ended: also in what runs just before its commit, not in
     * what runs after it ({@link #run}).
     */
    public boolean inTransaction() {
        int status = transactions.getTransactionStatus();
        return status != Status.STATUS_NO_TRANSACTION && status != Status.STATUS_COMMITTED
                && status != Status.STATUS_ROLLEDBACK && status != Status.STATUS_UNKNOWN;
    }

    /** What runs just before the commit: the gathered writes, then the last actions. */
    private record BeforeCommit(List<Runnable> writes, List<Runnable> last) {
    }

    /** The current transaction's {@link BeforeCommit}; the first time, registered to run just before its commit. */
    private BeforeCommit beforeCommit() {
        BeforeCommit beforeCommit = (BeforeCommit) transactions.getResource(BEFORE_COMMIT);
        if (beforeCommit == null) {
            BeforeCommit created = new BeforeCommit(new ArrayList<>(), new ArrayList<>());
            transactions.putResource(BEFORE_COMMIT, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // By index: a write may ask for another one.
                    for (int i = 0; i < created.writes().size(); i++) {
                        created.writes().get(i).run();
                    }
                    for (int i = 0; i < created.last().size(); i++) {
                        created.last().get(i).run();
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    // Nothing follows: the writes were part of the transaction, committed or rolled back with it.
                }
            });
            beforeCommit = created;
        }
        return beforeCommit;
    }

    /** The items of {@code key} in the current transaction; the first time, a new list, given to {@code onFirst}. */
    @SuppressWarnings("unchecked")
    private <T> List<T> gathered(String key, Consumer<List<T>> onFirst) {
        List<T> items = (List<T>) transactions.getResource(key);
        if (items == null) {
            items = new ArrayList<>();
            transactions.putResource(key, items);
            onFirst.accept(items);
        }
        return items;
    }
}
