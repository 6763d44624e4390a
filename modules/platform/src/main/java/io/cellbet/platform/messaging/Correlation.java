package io.cellbet.platform.messaging;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the work in progress on this thread: the HTTP request being served
 * (header {@code X-Correlation-Id}, or a new id) or the message being consumed. The outbox
 * stamps it on every message it writes, so one id follows a change from the request that made
 * it through every message it caused, across apps.
 */
public final class Correlation {

    /** HTTP header carrying the id in and out of our APIs. */
    public static final String HEADER = "X-Correlation-Id";

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} with {@code id} as the current correlation id, restoring the previous one after. */
    public static <T, E extends Exception> T with(String id, ThrowingSupplier<T, E> work) throws E {
        String previous = CURRENT.get();
        CURRENT.set(id);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The id a caller sent, when it is well-formed; otherwise a new one. */
    public static String acceptOrCreate(String offered) {
        return offered != null && FORMAT.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }
}
