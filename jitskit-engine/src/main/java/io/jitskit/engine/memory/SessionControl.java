package io.jitskit.engine.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Layout of the sessions' control blocks: one per session id, {@value #STRIDE} bytes apart (two cache lines, so
 * adjacent-line prefetch cannot make two sessions share one). The owning session writes its block; the checkpointer,
 * the log flusher and the metrics reader read it.
 *
 * <pre>
 *  0        8        16       24       32          40         48       56                     128
 *  +--------+--------+--------+--------+-----------+----------+--------+----------------------+
 *  | state  | serial |  ops   | probes | max probe | retries  |  live  |  (unused: padding)   |
 *  +--------+--------+--------+--------+-----------+----------+--------+----------------------+
 *  state : IDLE | IN_OP, the session's half of the quiesce handshake
 *  serial: the serial of the session's last completed operation, stored with release after the operation
 * </pre>
 */
final class SessionControl {

    static final long STRIDE = 128;
    static final long STATE = 0;
    static final long SERIAL = 8;
    static final long OPS = 16;
    static final long PROBES = 24;
    static final long MAX_PROBE = 32;
    static final long RETRIES = 40;
    static final long LIVE = 48;
    static final long IDLE = 0;
    static final long IN_OP = 1;

    /** Aligned 8-byte atomics on control words; takes (segment, offset). */
    static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    private SessionControl() {
    }

    /** Offset of session {@code sessionId}'s block. */
    static long block(final int sessionId) {
        return sessionId * STRIDE;
    }

    /**
     * The session's serial watermark, with acquire: pairs with the session's release of it after each operation, so
     * every record the session published before that serial is visible to the caller.
     */
    static long serialAcquire(final MemorySegment control, final int sessionId) {
        return (long) WORD.getAcquire(control, block(sessionId) + SERIAL);
    }
}
