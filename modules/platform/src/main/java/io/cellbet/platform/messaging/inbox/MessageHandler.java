package io.cellbet.platform.messaging.inbox;

import io.cellbet.platform.messaging.Envelope;

/**
 * Handles one message inside the transaction that also records it in the inbox, so its
 * effects and the "processed" mark commit together. Throwing rolls both back and the
 * message is delivered again.
 */
@FunctionalInterface
public interface MessageHandler {

    void handle(Envelope envelope) throws Exception;
}
