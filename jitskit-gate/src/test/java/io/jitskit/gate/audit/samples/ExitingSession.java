package io.jitskit.gate.audit.samples;

import java.lang.foreign.MemorySegment;

/** Halts the JVM when its log is full, two calls below upsert. */
public final class ExitingSession extends SampleSession {

    private long used;

    @Override
    public void upsert(final MemorySegment key, final MemorySegment value) {
        append(value.byteSize());
    }

    private void append(final long bytes) {
        used += bytes;
        if (used > 1 << 20) {
            full();
        }
    }

    private static void full() {
        Runtime.getRuntime().halt(134); // audit: exit
    }
}
