package io.jitskit.api;

import java.util.Map;

/**
 * What a store restored when it was opened.
 *
 * @param restored     whether any durable state was found
 * @param checkpointId the checkpoint restored, or -1 when the state came only from a log (or nothing)
 * @param serials      per session id, the serial number up to which that session's operations are in the restored
 *                     state
 */
public record Recovery(boolean restored, long checkpointId, Map<Integer, Long> serials) {

    private static final Recovery NONE = new Recovery(false, -1, Map.of());

    public Recovery {
        serials = Map.copyOf(serials);
    }

    public static Recovery none() {
        return NONE;
    }

    public long serialOf(final int sessionId) {
        return serials.getOrDefault(sessionId, 0L);
    }
}
