package io.jitskit.harness;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.StoreMetrics;
import java.io.IOException;
import java.util.Optional;

/** Forwards every call to another store: test stores override the one behaviour they add around it. */
public class ForwardingStore implements Store {

    private final Store inner;

    public ForwardingStore(final Store inner) {
        this.inner = inner;
    }

    @Override
    public Session openSession(final int sessionId) {
        return inner.openSession(sessionId);
    }

    @Override
    public Checkpoint checkpoint() throws IOException {
        return inner.checkpoint();
    }

    @Override
    public Recovery recovery() {
        return inner.recovery();
    }

    @Override
    public StoreInfo info() {
        return inner.info();
    }

    @Override
    public Optional<StoreMetrics> metrics() {
        return inner.metrics();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
