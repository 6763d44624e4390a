package io.cellbet.feed.api.uof;

/** A feed message that is not well-formed XML, is of an unknown type, or lacks what its type requires. */
public class FeedParseException extends Exception {

    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
