package io.jitskit.gate.audit.samples;

import io.jitskit.api.Session;
import java.lang.foreign.MemorySegment;

/** A session that does nothing, for the audit's samples to override one method each. */
public abstract class SampleSession implements Session {

    @Override
    public int id() {
        return 0;
    }

    @Override
    public long serial() {
        return 0;
    }

    @Override
    public int read(final MemorySegment key, final MemorySegment out) {
        return NOT_FOUND;
    }

    @Override
    public void upsert(final MemorySegment key, final MemorySegment value) {
    }

    @Override
    public long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
        return 0;
    }

    @Override
    public boolean delete(final MemorySegment key) {
        return false;
    }

    @Override
    public boolean insert(final MemorySegment key, final MemorySegment value) {
        return false;
    }

    @Override
    public void close() {
    }
}
