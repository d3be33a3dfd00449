package io.jitskit.serve;

/**
 * A frame that is not RESP, or that asks for more than the server will hold. The connection that sent it gets
 * {@code -ERR Protocol error: <message>} and is closed: after a bad frame the server cannot know where the next one
 * starts, so it never tries to resynchronize.
 */
final class ProtocolException extends Exception {

    ProtocolException(final String message) {
        super(message, null, false, false);
    }
}
