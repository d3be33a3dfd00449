package io.jitskit.agents.model;

import java.io.IOException;
import java.time.Duration;

/**
 * A request that could not be completed, with a one-line message that says what to fix. Messages are redacted before
 * they are built; the cause chain is not kept, so no library's message can carry a key out.
 */
public final class ModelException extends IOException {

    /** What went wrong, which decides whether a retry can help. */
    public enum Kind {
        /** 401 or 403: the key is missing, wrong or lacks access. */
        AUTH(false),
        /** 429: too many requests or tokens per minute. */
        RATE_LIMITED(true),
        /** 529, 503, 500, 502, 504 or an overload event mid-stream. */
        OVERLOADED(true),
        /** The connection failed or the stream ended early. */
        UNREACHABLE(true),
        /** The response was not the JSON or event stream the wire format promises. */
        MALFORMED(false),
        /** Any other 4xx: the request itself was refused (bad model name, context too long, ...). */
        REJECTED(false);

        private final boolean retryable;

        Kind(final boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public ModelException(final Kind kind, final String message, final Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public ModelException(final Kind kind, final String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** What the server asked us to wait before retrying, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
