package io.jitskit.harness.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreProvider;
import io.jitskit.harness.ForwardingStore;
import io.jitskit.harness.HarnessSpecs;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.spec.Spec;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshnessLedgerTest {

    @TempDir
    Path dir;

    private final long seed = new SecureRandom().nextLong();

    private BenchResult bench(final String mix, final String values, final StoreProvider provider) throws Exception {
        final String yaml = HarnessSpecs.yaml("fresh", "256MiB", 5_000, mix, "{operations: 400000}")
            .replace("values: {fixed: 100}", "values: " + values)
            .replace("operations: [read, upsert, rmw, delete]", mix.contains("rmw")
                ? "operations: [read, upsert, rmw, delete]" : "operations: [read, upsert, delete]");
        final Path file = HarnessSpecs.write(dir, "fresh", yaml);
        final Spec spec = HarnessSpecs.parse(file);
        return InProcessBench.run(spec, file, provider, DriverOptions.defaults(2, seed), dir.resolve("data"),
            ProgressListener.NONE);
    }

    @Test
    void aCorrectStorePassesAndEverySampledReadIsJudged() throws Exception {
        final BenchResult r = bench("{read: 50, upsert: 40, delete: 10}", "{fixed: 100}",
            StoreFactory.find("reference"));
        assertEquals("ok", r.verdict(), "seed " + seed + ": " + r.failure());
        assertTrue(r.indicators().get("freshness.checked_reads") > 1_000, "seed " + seed + ": " + r.indicators());
        assertTrue(r.indicators().get("freshness.retention_keys") > 300, "seed " + seed + ": " + r.indicators());
    }

    @Test
    void aCorrectStorePassesWithValuesTooShortToNameTheirVersion() throws Exception {
        final BenchResult r = bench("{read: 50, upsert: 50}", "{fixed: 4}", StoreFactory.find("reference"));
        assertEquals("ok", r.verdict(), "seed " + seed + ": " + r.failure());
    }

    @Test
    void aStoreThatDropsAnAcknowledgedUpsertLateIsCaughtInTheRun() throws Exception {
        final BenchResult r = bench("{read: 50, upsert: 50}", "{fixed: 100}", new Faulty(Fault.DROP, 150_000));
        assertEquals("failed", r.verdict(), "seed " + seed);
        assertTrue(r.failure().contains("stale read"), "seed " + seed + ": " + r.failure());
    }

    @Test
    void aStoreThatDropsWritesOfShortValuesIsCaught() throws Exception {
        final BenchResult r = bench("{read: 50, upsert: 50}", "{fixed: 4}", new Faulty(Fault.DROP, 150_000));
        assertEquals("failed", r.verdict(), "seed " + seed);
        assertTrue(r.failure().contains("none of the versions") || r.failure().contains("stale read"),
            "seed " + seed + ": " + r.failure());
    }

    @Test
    void aStoreThatReappliesAnOlderWriteIsCaught() throws Exception {
        final BenchResult r = bench("{read: 50, upsert: 50}", "{fixed: 100}", new Faulty(Fault.REORDER, 150_000));
        assertEquals("failed", r.verdict(), "seed " + seed);
        assertTrue(r.failure().contains("stale read"), "seed " + seed + ": " + r.failure());
    }

    @Test
    void aStoreThatForgetsADeleteIsCaught() throws Exception {
        final BenchResult r = bench("{read: 50, upsert: 30, delete: 20}", "{fixed: 100}",
            new Faulty(Fault.IGNORE_DELETE, 150_000));
        assertEquals("failed", r.verdict(), "seed " + seed);
        assertTrue(r.failure().contains("delete"), "seed " + seed + ": " + r.failure());
    }

    @Test
    void aCorrectStorePassesWithRmwAndAStoreThatDropsRmwLateIsCaught() throws Exception {
        final BenchResult ok = bench("{read: 50, rmw: 40, upsert: 10}", "{fixed: 100}",
            StoreFactory.find("reference"));
        assertEquals("ok", ok.verdict(), "seed " + seed + ": " + ok.failure());
        final BenchResult lost = bench("{read: 50, rmw: 40, upsert: 10}", "{fixed: 100}",
            new Faulty(Fault.DROP_RMW, 150_000));
        assertEquals("failed", lost.verdict(), "seed " + seed);
        assertTrue(lost.failure().contains("lost rmw"), "seed " + seed + ": " + lost.failure());
    }

    @Test
    void aStoreThatLosesWritesWhenNoReadFollowsFailsRetentionAtTheEnd() throws Exception {
        // No reads in the run: only the read-back at the end can see the lost writes.
        final BenchResult r = bench("{upsert: 100}", "{fixed: 100}", new Faulty(Fault.DROP, 150_000));
        assertEquals("failed", r.verdict(), "seed " + seed);
        assertTrue(r.failure().startsWith("retention:"), "seed " + seed + ": " + r.failure());
    }

    @Test
    void concurrentWritesOfOneKeyMayBeReadInEitherOrderButAReplacedOneMayNot() {
        final ValueCodec codec = ValueCodec.plain(seed);
        final FreshnessLedger ledger = new FreshnessLedger(2, 1, codec, System.nanoTime(), seed,
            FreshnessLedger.MAX_TRACKED);
        final FreshnessLedger.Reader reader = ledger.reader();
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment v1 = arena.allocate(64);
            final MemorySegment v2 = arena.allocate(64);
            final long w0 = VersionClock.of(1, 0);
            final long w1 = VersionClock.of(1, 1);
            codec.write(0, w0, v1);
            codec.write(0, w1, v2);
            // Overlapping writes by workers 0 and 1: either may be read.
            final long b0 = ledger.beginWrite(0, 0, w0, false);
            final long b1 = ledger.beginWrite(0, 1, w1, false);
            ledger.completed(0, 0, w0, false, b0);
            ledger.completed(0, 1, w1, false, b1);
            reader.before(0);
            assertNull(reader.afterValue(0, codec.verify(0, v1), v1));
            assertNull(reader.afterValue(0, codec.verify(0, v2), v2));
            // Worker 1 writes again after both ended: worker 0's write is replaced.
            final long w1b = VersionClock.of(2, 1);
            final long b = ledger.beginWrite(0, 1, w1b, false);
            ledger.completed(0, 1, w1b, false, b);
            reader.before(0);
            final String stale = reader.afterValue(0, codec.verify(0, v1), v1);
            assertNotNull(stale, "seed " + seed);
            assertTrue(stale.contains("began after it"), stale);
            assertNotNull(reader.afterValue(0, codec.verify(0, v2), v2), "worker 1's own older write is stale");
            // Absent is stale while an acknowledged write is live, fine after a delete that nothing replaced.
            reader.before(0);
            assertNotNull(reader.afterMiss(0));
            final long d = VersionClock.of(2, 0);
            final long bd = ledger.beginWrite(0, 0, d, true);
            ledger.completed(0, 0, d, true, bd);
            reader.before(0);
            assertNull(reader.afterMiss(0));
        }
    }

    @Test
    void theSampleIsAtMostTheCapAndCoversTheIdsEvenly() {
        final FreshnessLedger ledger = new FreshnessLedger(2, 10_000_000, ValueCodec.plain(seed), 0, seed,
            FreshnessLedger.MAX_TRACKED);
        long sampled = 0;
        long first = -1;
        for (long id = 0; id < 10_000_000; id++) {
            if (ledger.tracks(id)) {
                sampled++;
                first = first < 0 ? id : first;
            }
        }
        assertTrue(sampled <= FreshnessLedger.MAX_TRACKED + 1 && sampled > FreshnessLedger.MAX_TRACKED / 2,
            "sampled " + sampled + ", seed " + seed);
        assertTrue(ledger.trackedKeys() >= sampled, "records for every sampled id");
        assertTrue(first < ledger.stride() && ledger.tracks(first + ledger.stride()) && !ledger.tracks(first + 1));
        assertTrue(ledger.tracks(first + 10_000_000L * ledger.stride()), "fresh inserts past the count are sampled");
        final FreshnessLedger small = new FreshnessLedger(2, 1_000, ValueCodec.plain(seed), 0, seed,
            FreshnessLedger.MAX_TRACKED);
        assertEquals(8, small.stride(), "a small key space has one key in 8 sampled");
        assertEquals(10_485, FreshnessLedger.slotsWithin(256L << 20, 2), "1% of a 256-MiB budget at 256 B a slot");
        assertEquals(FreshnessLedger.MAX_TRACKED, FreshnessLedger.slotsWithin(4L << 30, 2));
        assertEquals(1 << 10, FreshnessLedger.slotsWithin(1L << 20, 2), "never fewer than 1,024");
    }

    enum Fault { DROP, REORDER, IGNORE_DELETE, DROP_RMW }

    /**
     * The reference store, correct for its first {@code afterOps} operations; then one write in 64 goes wrong:
     * acknowledged and dropped, applied and then overwritten by the key's previous value, a delete ignored, or an
     * rmw acknowledged and dropped.
     */
    private static final class Faulty implements StoreProvider {
        private final Fault fault;
        private final long afterOps;

        Faulty(final Fault fault, final long afterOps) {
            this.fault = fault;
            this.afterOps = afterOps;
        }

        @Override
        public String name() {
            return "faulty-" + fault.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String description() {
            return "the reference store with a late fault";
        }

        @Override
        public Store open(final StoreContext context) throws IOException {
            final AtomicLong ops = new AtomicLong();
            final Store inner;
            try {
                inner = StoreFactory.find("reference").open(context);
            } catch (final io.jitskit.api.StoreLoadException e) {
                throw new IOException(e);
            }
            return new ForwardingStore(inner) {
                @Override
                public Session openSession(final int sessionId) {
                    return new FaultySession(inner.openSession(sessionId), ops, fault, afterOps);
                }
            };
        }
    }

    private static final class FaultySession implements Session {
        private final Session inner;
        private final AtomicLong ops;
        private final Fault fault;
        private final long afterOps;
        private final MemorySegment scratch = MemorySegment.ofArray(new byte[4096]);

        FaultySession(final Session inner, final AtomicLong ops, final Fault fault, final long afterOps) {
            this.inner = inner;
            this.ops = ops;
            this.fault = fault;
            this.afterOps = afterOps;
        }

        private boolean strikes() {
            final long n = ops.incrementAndGet();
            return n > afterOps && (n & 63) == 0;
        }

        @Override
        public int id() {
            return inner.id();
        }

        @Override
        public long serial() {
            return inner.serial();
        }

        @Override
        public int read(final MemorySegment key, final MemorySegment out) {
            ops.incrementAndGet();
            return inner.read(key, out);
        }

        @Override
        public void upsert(final MemorySegment key, final MemorySegment value) {
            final boolean upsertFault = fault == Fault.DROP || fault == Fault.REORDER;
            if (!(upsertFault ? strikes() : ops.incrementAndGet() < 0)) {
                inner.upsert(key, value);
            } else if (fault == Fault.REORDER) {
                final int len = inner.read(key, scratch);
                inner.upsert(key, value);
                if (len >= 0) {
                    inner.upsert(key, scratch.asSlice(0, len)); // the older write lands last
                }
            }
        }

        @Override
        public long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
            if (fault == Fault.DROP_RMW && strikes()) {
                return 1; // acknowledged, never applied
            }
            return inner.rmw(key, delta, initial);
        }

        @Override
        public boolean delete(final MemorySegment key) {
            if (fault == Fault.IGNORE_DELETE && strikes()) {
                return true;
            }
            return inner.delete(key);
        }

        @Override
        public boolean insert(final MemorySegment key, final MemorySegment value) {
            return inner.insert(key, value);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
