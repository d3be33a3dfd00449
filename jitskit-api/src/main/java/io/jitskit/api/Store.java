package io.jitskit.api;

import java.io.IOException;
import java.util.Optional;

/**
 * An open key-value store. Thread-safe; operations go through {@link Session}s, one per thread.
 */
public interface Store extends AutoCloseable {

    /**
     * Opens a session for the calling thread. A session id names the same logical client across a crash: a session
     * reopened after recovery continues from the serial number {@link #recovery()} reports for it.
     *
     * @param sessionId a small non-negative id, unique among the open sessions
     */
    Session openSession(int sessionId);

    /**
     * Takes a checkpoint and returns once it is durable. Writers may keep running meanwhile (a fuzzy checkpoint);
     * the result says, per session, up to which serial number operations are included.
     *
     * @throws UnsupportedOperationException when the store offers no durability
     */
    Checkpoint checkpoint() throws IOException;

    /** What opening the store restored from its data directory; {@link Recovery#none()} for a fresh store. */
    Recovery recovery();

    /** The store's name, the durability it really provides, and its configuration, for reports. */
    StoreInfo info();

    /** Metrics the store exports, read by the harness outside the timed path. */
    default Optional<StoreMetrics> metrics() {
        return Optional.empty();
    }

    /** Closes the store, releasing memory and files. Does not imply a checkpoint. */
    @Override
    void close() throws IOException;
}
