package io.jitskit.gate.audit.samples;

import java.lang.foreign.MemorySegment;

/** Looks for the harness by name. */
public final class ReflectiveSession extends SampleSession {

    @Override
    public void upsert(final MemorySegment key, final MemorySegment value) {
        try {
            Class.forName("io.jitskit.gate.GateRunner"); // audit: reflection
        } catch (final ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
