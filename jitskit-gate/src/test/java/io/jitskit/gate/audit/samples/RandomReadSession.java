package io.jitskit.gate.audit.samples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Synthesizes what it reads; its write path may use a generator freely. */
public final class RandomReadSession extends SampleSession {

    private final Random jitter = new Random(7);

    @Override
    public int read(final MemorySegment key, final MemorySegment out) {
        out.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, fill());
        return 8;
    }

    private long fill() {
        return ThreadLocalRandom.current().nextLong(); // audit: random
    }

    @Override
    public void upsert(final MemorySegment key, final MemorySegment value) {
        if (jitter.nextInt(100) == 0) {
            Thread.yield();
        }
    }
}
