package io.cellbet.ops.platform;

/**
 * A local platform could not be started: an app is not built, died, did not become ready in time, or its port is
 * taken.
 */
public final class PlatformStartException extends RuntimeException {

    public PlatformStartException(String message) {
        super(message);
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
