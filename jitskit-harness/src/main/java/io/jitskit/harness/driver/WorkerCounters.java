package io.jitskit.harness.driver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Left padding: keeps {@link WorkerCounters#ops} off the cache line of whatever the allocator put before it. */
abstract class WorkerCountersLeftPad {
    long p01, p02, p03, p04, p05, p06, p07, p08;
    long p09, p10, p11, p12, p13, p14, p15, p16;
}

/** The one counter read live by the reporting thread. */
abstract class WorkerCountersValue extends WorkerCountersLeftPad {
    long ops;
}

/**
 * A worker's completed-operation count, alone on its cache lines (128 bytes either side, against adjacent-line
 * prefetch) so that the reporting thread's reads never contend with another worker's writes.
 *
 * <p>Single writer: the owning worker publishes with {@link #publish} (an opaque store, once per batch); the
 * reporting thread reads with {@link #read} (opaque). Opaque is enough: the reporter needs a recent, untorn value,
 * not ordering with any other memory.
 */
final class WorkerCounters extends WorkerCountersValue {
    long q01, q02, q03, q04, q05, q06, q07, q08;
    long q09, q10, q11, q12, q13, q14, q15, q16;

    private static final VarHandle OPS;

    static {
        try {
            OPS = MethodHandles.lookup().findVarHandle(WorkerCountersValue.class, "ops", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    void publish(final long completedOps) {
        OPS.setOpaque(this, completedOps);
    }

    long read() {
        return (long) OPS.getOpaque(this);
    }
}
