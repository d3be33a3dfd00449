package io.jitskit.gate.check;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Parallel;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Workbench;
import io.jitskit.spec.Operation;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import io.jitskit.workload.gen.Mix;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the memory-budget check's child JVM does while the gate samples it: print {@code STARTED}, wait for
 * {@code GO} (the gate takes the JVM's own footprint in between), open the store, load the keys, run half reads and
 * half upserts over them for the level's budget run, print {@code DONE} (or {@code BADREAD <what>}).
 */
public final class BudgetWorkload {

    public static final String STARTED = "STARTED";
    public static final String DONE = "DONE";
    public static final String BAD_READ = "BADREAD";

    private BudgetWorkload() {
    }

    /** Keys the budget run loads: the gate spec's (already capped by the level), capped again by the level. */
    static long keys(final StoreUnderTest sut) {
        return Math.min(sut.spec().workload().keyCount(), sut.level().budgetKeys());
    }

    public static void run(final StoreUnderTest sut, final Path dataDir, final BufferedReader stdin)
        throws Exception {
        final PrintStream out = System.out;
        out.println(STARTED);
        out.flush();
        if (!"GO".equals(stdin.readLine())) {
            throw new IllegalStateException("the gate did not say GO");
        }
        // Verifiable sizes only: reads here check every value by its own bytes, and a range's values under 8 bytes
        // carry no version (a 1 B..128 KiB card failed one run in three on a 7-byte value read back intact).
        final Workbench bench = sut.workbench().withVerifiableSizes();
        final ValueCodec codec = bench.codec();
        final long n = keys(sut);
        final int threads = sut.spec().environment().threads();
        final boolean upserts = bench.supports(Operation.UPSERT) || bench.supports(Operation.INSERT)
            && bench.supports(Operation.DELETE);
        final AtomicReference<String> bad = new AtomicReference<>();
        try (Store store = sut.open(dataDir)) {
            Loading.load(store, bench, codec, 0, n, VersionClock.of(1, 0), threads);
            final long deadline = System.nanoTime() + sut.level().budgetRun().toNanos();
            Parallel.run("gate-budget", threads, t -> {
                long rng = Mix.mix64(bench.seed() ^ (0xB0D6_E700L + t));
                long sequence = 1;
                try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                    final Lane lane = bench.lane(arena);
                    long op = 0;
                    while (bad.get() == null && ((++op & 1023) != 0 || System.nanoTime() < deadline)) {
                        rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
                        // Each thread writes only its own keys, so it knows their current versions.
                        final long k = t + threads * Long.remainderUnsigned(rng, Math.max(1, n / threads));
                        if (k >= n) {
                            continue;
                        }
                        if (upserts && (rng >>> 63) == 0) {
                            final long v = VersionClock.of(++sequence, t + 1);
                            lane.write(session, k, lane.value(codec, k, v, bench.sizeOf(k, v)));
                        } else {
                            final int length = lane.read(session, k);
                            if (length == Session.NOT_FOUND || length > bench.maxValueBytes()
                                || codec.verify(k, lane.out(length)) < 0) {
                                bad.compareAndSet(null, Reads.keyName(bench, k) + ": "
                                    + Reads.found(codec, lane, k, length));
                            }
                        }
                    }
                }
            });
        }
        out.println(bad.get() == null ? DONE : BAD_READ + " " + bad.get());
        out.flush();
    }
}
