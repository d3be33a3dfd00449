package io.jitskit.gate;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a body on N platform threads that start together, and rethrows the first failure. */
public final class Parallel {

    /** One thread's share of the work. */
    @FunctionalInterface
    public interface Body {
        void run(int thread) throws Exception;
    }

    private Parallel() {
    }

    /**
     * Runs {@code body(0..threads-1)}, each on its own thread, released together by a barrier, and waits for all.
     *
     * @throws Exception the first exception a thread threw (the others are suppressed into it)
     */
    public static void run(final String name, final int threads, final Body body) throws Exception {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CyclicBarrier start = new CyclicBarrier(threads);
        final Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int index = t;
            workers[t] = Thread.ofPlatform().name(name + "-" + t).start(() -> {
                try {
                    start.await();
                    body.run(index);
                } catch (final Throwable e) {
                    if (!failure.compareAndSet(null, e)) {
                        failure.get().addSuppressed(e);
                    }
                }
            });
        }
        for (final Thread w : workers) {
            w.join();
        }
        final Throwable first = failure.get();
        if (first instanceof Exception e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
