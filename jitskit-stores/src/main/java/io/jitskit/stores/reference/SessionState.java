package io.jitskit.stores.reference;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the store remembers of a session id across the session's openings: its serial number, and whether a session
 * with that id is open now. Outlives the {@link ReferenceSession} handle, so a reopened id continues its numbering
 * and checkpoints report ids whose sessions have closed.
 */
final class SessionState {

    final int id;

    /**
     * Serial number of the session's last operation. Written only by the thread that owns the session: under the
     * store's write lock for a mutation (together with the mutation's log record), without it for a read. Read by a
     * checkpoint under the write lock. Volatile so that the checkpoint sees a read's increment at all; it may see
     * either side of one, and both are valid cuts because no mutation of this session lies between them.
     */
    volatile long serial;

    private final AtomicBoolean open = new AtomicBoolean();

    SessionState(final int id, final long serial) {
        this.id = id;
        this.serial = serial;
    }

    /** Claims the id for a new session handle; false when a handle with this id is open. */
    boolean acquire() {
        return open.compareAndSet(false, true);
    }

    void release() {
        open.set(false);
    }
}
