package io.jitskit.gate.check;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Parallel;
import io.jitskit.gate.Workbench;
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicReference;

/** Loads and verifies ranges of keys, spread over threads, each with its own session. */
final class Loading {

    private Loading() {
    }

    /** Upserts version {@code version} of every id in {@code [first, first + count)}; sessions 0..threads-1. */
    static void load(final Store store, final Workbench bench, final ValueCodec codec, final long first,
                     final long count, final long version, final int threads) throws Exception {
        load(store, bench, codec, first, count, version, threads, 0);
    }

    /** As {@link #load(Store, Workbench, ValueCodec, long, long, long, int)}, with sessions from {@code firstSession}. */
    static void load(final Store store, final Workbench bench, final ValueCodec codec, final long first,
                     final long count, final long version, final int threads, final int firstSession)
        throws Exception {
        Parallel.run("gate-load", threads, t -> {
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(firstSession + t)) {
                final Lane lane = bench.lane(arena);
                for (long id = first + t; id < first + count; id += threads) {
                    lane.write(session, id, lane.value(codec, id, version, bench.sizeOf(id, version)));
                }
            }
        });
    }

    /**
     * Reads every id in {@code [first, first + count)} and compares it with version {@code version}.
     *
     * @return null when all match, else the first mismatch in words (its key named)
     */
    static String verify(final Store store, final Workbench bench, final ValueCodec codec, final long first,
                         final long count, final long version, final int threads, final int firstSession)
        throws Exception {
        final AtomicReference<String> mismatch = new AtomicReference<>();
        Parallel.run("gate-verify", threads, t -> {
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(firstSession + t)) {
                final Lane lane = bench.lane(arena);
                for (long id = first + t; id < first + count && mismatch.get() == null; id += threads) {
                    final int length = lane.read(session, id);
                    final String wrong = Reads.mismatch(codec, lane, id, version, bench.sizeOf(id, version), length);
                    if (wrong != null) {
                        mismatch.compareAndSet(null, Reads.keyName(bench, id) + ": " + wrong);
                    }
                }
            }
        });
        return mismatch.get();
    }
}
