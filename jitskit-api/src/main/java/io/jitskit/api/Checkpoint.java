package io.jitskit.api;

import java.util.Map;

/**
 * A completed, durable checkpoint.
 *
 * @param id      a token naming the checkpoint, increasing over the store's life
 * @param serials per session id, the serial number up to which that session's operations are included
 */
public record Checkpoint(long id, Map<Integer, Long> serials) {

    public Checkpoint {
        serials = Map.copyOf(serials);
    }

    /** The serial recorded for {@code sessionId}, or 0 when the session had issued nothing. */
    public long serialOf(final int sessionId) {
        return serials.getOrDefault(sessionId, 0L);
    }
}
