package io.jitskit.gate.check;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Parallel;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Workbench;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import io.jitskit.workload.gen.Mix;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the log-wrap probe's child JVM does: load the keys, then rewrite a hot 1 % of them until the bytes written
 * reach the probe's volume (far more than any fixed-size log or ring holds), checkpointing now and then where the
 * spec is durable; finally read every key: cold keys must still hold their load version, hot keys their last one.
 *
 * <p>Standard output: {@code WROTE <bytes>} every 16 MiB, then {@code WRAP-OK <reads>} or {@code WRAP-BAD <what>}.
 * A store that aborts or exits when its log fills ends the process: the gate sees the exit status.
 */
public final class LogWrapWorkload {

    public static final String WROTE = "WROTE";
    public static final String OK = "WRAP-OK";
    public static final String BAD = "WRAP-BAD";

    private static final long PROGRESS_BYTES = 16L << 20;

    private LogWrapWorkload() {
    }

    /** Keys the probe loads. */
    static long keys(final StoreUnderTest sut) {
        return Math.min(sut.spec().workload().keyCount(), sut.level().maxKeys());
    }

    /** Value bytes the probe writes after the load. */
    static long volume(final StoreUnderTest sut) {
        final double live = keys(sut) * (sut.spec().workload().valueSizes().mean() + 8);
        final double tiedToBudget = sut.level().wrapBudgetMultiple() * sut.spec().environment().memoryBudgetBytes();
        return (long) Math.max(sut.level().wrapMinBytes(), Math.max(4 * live, tiedToBudget));
    }

    public static void run(final StoreUnderTest sut, final Path dataDir) throws Exception {
        final PrintStream out = System.out;
        final Workbench bench = sut.workbench();
        final ValueCodec codec = bench.codec();
        final long n = keys(sut);
        final long hot = Math.max(1, n / 100);
        final long volume = volume(sut);
        final int threads = sut.spec().environment().threads();
        final boolean durable = sut.spec().requirements().durability().isDurable();
        final long[][] last = new long[threads][];
        final AtomicLong written = new AtomicLong();
        try (Store store = sut.open(dataDir)) {
            Loading.load(store, bench, codec, 0, n, 1, threads);
            Parallel.run("gate-wrap", threads, t -> {
                final VersionClock clock = new VersionClock(t);
                clock.next();
                final long[] mine = new long[(int) ((hot + threads - 1) / threads)];
                last[t] = mine;
                long rng = Mix.mix64(bench.seed() ^ (0x3A4B_0000L + t));
                long nextProgress = PROGRESS_BYTES;
                try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                    final Lane lane = bench.lane(arena);
                    while (written.get() < volume) {
                        rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
                        final int slot = (int) Long.remainderUnsigned(rng, mine.length);
                        final long k = t + (long) slot * threads;
                        if (k >= hot) {
                            continue;
                        }
                        final long v = clock.next();
                        final int size = bench.sizeOf(k, v);
                        lane.write(session, k, lane.value(codec, k, v, size));
                        mine[slot] = v;
                        final long total = written.addAndGet(size);
                        if (t == 0 && total >= nextProgress) {
                            nextProgress += PROGRESS_BYTES;
                            out.println(WROTE + " " + total);
                            out.flush();
                            if (durable) {
                                store.checkpoint();
                            }
                        }
                    }
                }
            });
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(threads)) {
                final Lane lane = bench.lane(arena);
                for (long k = 0; k < n; k++) {
                    final long v;
                    if (k < hot) {
                        final long w = last[(int) (k % threads)][(int) (k / threads)];
                        v = w == 0 ? 1 : w;
                    } else {
                        v = 1;
                    }
                    final String wrong = Reads.mismatch(codec, lane, k, v, bench.sizeOf(k, v), lane.read(session, k));
                    if (wrong != null) {
                        out.println(BAD + " after writing " + written.get() + " bytes, " + (k < hot ? "hot " : "cold ")
                            + Reads.keyName(bench, k) + ": " + wrong);
                        return;
                    }
                }
            }
        }
        out.println(OK + " " + n + " " + written.get());
    }
}
