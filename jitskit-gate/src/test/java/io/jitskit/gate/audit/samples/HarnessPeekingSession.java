package io.jitskit.gate.audit.samples;

import io.jitskit.workload.ValueCodec;
import java.lang.foreign.MemorySegment;

/** Calls into the harness's value codec. */
public final class HarnessPeekingSession extends SampleSession {

    @Override
    public int read(final MemorySegment key, final MemorySegment out) {
        return (int) ValueCodec.counter(out); // audit: harness
    }
}
