package io.jitskit.gate.audit.samples;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/** What a store may do: VarHandles on its own fields, JDK collections, hashing to locate keys. */
public final class CleanSession extends SampleSession {

    private static final VarHandle SERIAL;

    static {
        try {
            SERIAL = MethodHandles.lookup().findVarHandle(CleanSession.class, "serial", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentHashMap<Long, byte[]> map = new ConcurrentHashMap<>();
    private volatile long serial;

    @Override
    public int read(final MemorySegment key, final MemorySegment out) {
        SERIAL.getAndAdd(this, 1L);
        final byte[] v = map.get(Long.rotateLeft(key.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 0)
            * 0x9E3779B97F4A7C15L, 17));
        return v == null ? NOT_FOUND : v.length;
    }
}
