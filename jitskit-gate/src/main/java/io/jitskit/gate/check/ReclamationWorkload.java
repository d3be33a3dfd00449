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
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the reclamation soak's child JVM does while the gate samples its memory and its data directory: print
 * {@code SOAK-STARTED} with the bytes of its own ledger, wait for {@code GO} (the gate takes the JVM's footprint in
 * between), open the store, load every key, then overwrite keys chosen uniformly over the whole range, one write in
 * {@link #DELETE_ONE_IN} a delete where the card has deletes (a deleted key is written again when it is drawn next),
 * until the value bytes written reach the soak's volume; checkpoint every {@link #CHECKPOINT_BYTES} where the card is
 * durable, as an application would, since a log-structured store reclaims at checkpoints. At the end every key is
 * read: a live key must hold its last write, a deleted one must be absent.
 *
 * <p>The ledger is an {@code int} per key, the sequence of its owner's last write (0: the load's, -1: deleted): each
 * thread writes only its own keys ({@code key mod threads}), so it knows them without coordination.
 *
 * <p>Standard output: {@code SOAK-WROTE <bytes> <live keys>} every {@link #CHECKPOINT_BYTES}, then
 * {@code SOAK-OK <keys read> <bytes written> <deletes>} or {@code SOAK-BAD <what>}.
 */
public final class ReclamationWorkload {

    public static final String STARTED = "SOAK-STARTED";
    public static final String WROTE = "SOAK-WROTE";
    public static final String OK = "SOAK-OK";
    public static final String BAD = "SOAK-BAD";

    /** One write in this many is a delete, where the card has deletes. */
    static final int DELETE_ONE_IN = 8;

    /** Value bytes between two progress lines, and between two checkpoints of a durable card. */
    static final long CHECKPOINT_BYTES = 64L << 20;

    private static final int DELETED = -1;

    private ReclamationWorkload() {
    }

    /** Keys the soak loads: the gate spec's, which the soak runs at the card's full count. */
    static long keys(final StoreUnderTest sut) {
        return sut.spec().workload().keyCount();
    }

    /** Value bytes the soak writes after the load: {@code multiple} times the card's memory budget. */
    static long volume(final StoreUnderTest sut, final double multiple) {
        return (long) (multiple * sut.spec().environment().memoryBudgetBytes());
    }

    /** Bytes of the ledger, which the gate does not charge to the store. */
    static long ledgerBytes(final StoreUnderTest sut) {
        return keys(sut) * Integer.BYTES;
    }

    public static void run(final StoreUnderTest sut, final Path dataDir, final double multiple,
                           final BufferedReader stdin) throws Exception {
        final PrintStream out = System.out;
        final long n = keys(sut);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the soak's ledger holds at most " + Integer.MAX_VALUE + " keys");
        }
        final int[] ledger = new int[(int) n];
        Arrays.fill(ledger, 0); // touch every page now, so the footprint the gate measures before GO includes it
        out.println(STARTED + " " + ledgerBytes(sut));
        out.flush();
        if (!"GO".equals(stdin.readLine())) {
            throw new IllegalStateException("the gate did not say GO");
        }
        final Workbench bench = sut.workbench().withVerifiableSizes();
        final ValueCodec codec = bench.codec();
        final int threads = sut.spec().environment().threads();
        final boolean deletes = bench.supports(Operation.DELETE);
        final boolean durable = sut.spec().requirements().durability().isDurable();
        final long volume = volume(sut, multiple);
        final AtomicLong written = new AtomicLong();
        final AtomicLong deleted = new AtomicLong();
        final AtomicLong live = new AtomicLong(n);
        try (Store store = sut.open(dataDir)) {
            Loading.load(store, bench, codec, 0, n, 1, threads);
            Parallel.run("gate-soak", threads, t -> {
                final VersionClock clock = new VersionClock(t);
                final long owned = (n - t + threads - 1) / threads;
                long rng = Mix.mix64(bench.seed() ^ (0x50A4_0000L + t));
                long nextProgress = CHECKPOINT_BYTES;
                try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                    final Lane lane = bench.lane(arena);
                    while (owned > 0 && written.get() < volume) {
                        rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
                        final long k = t + threads * Long.remainderUnsigned(rng, owned);
                        final int slot = (int) k;
                        if (deletes && ledger[slot] != DELETED && Long.remainderUnsigned(rng >>> 32, DELETE_ONE_IN)
                            == 0) {
                            if (!session.delete(lane.key(k))) {
                                throw new IllegalStateException("delete of live " + Reads.keyName(bench, k)
                                    + " found nothing");
                            }
                            ledger[slot] = DELETED;
                            deleted.incrementAndGet();
                            live.decrementAndGet();
                            continue;
                        }
                        if (ledger[slot] == DELETED) {
                            live.incrementAndGet();
                        }
                        final long v = clock.next();
                        final int size = bench.sizeOf(k, v);
                        lane.write(session, k, lane.value(codec, k, v, size));
                        ledger[slot] = Math.toIntExact(VersionClock.sequenceOf(v));
                        final long total = written.addAndGet(size);
                        if (t == 0 && total >= nextProgress) {
                            nextProgress = total + CHECKPOINT_BYTES;
                            if (durable) {
                                store.checkpoint();
                            }
                            out.println(WROTE + " " + total + " " + live.get());
                            out.flush();
                        }
                    }
                }
            });
            // Parallel.run joined the writers: every ledger entry they wrote is visible here.
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(threads)) {
                final Lane lane = bench.lane(arena);
                for (long k = 0; k < n; k++) {
                    final int s = ledger[(int) k];
                    final int length = lane.read(session, k);
                    final String wrong;
                    if (s == DELETED) {
                        wrong = length == Session.NOT_FOUND ? null : "deleted, but a read found "
                            + Reads.found(codec, lane, k, length);
                    } else {
                        final long v = s == 0 ? 1 : VersionClock.of(s, (int) (k % threads));
                        wrong = Reads.mismatch(codec, lane, k, v, bench.sizeOf(k, v), length);
                    }
                    if (wrong != null) {
                        out.println(BAD + " after writing " + written.get() + " bytes, " + Reads.keyName(bench, k)
                            + ": " + wrong);
                        return;
                    }
                }
            }
        }
        out.println(OK + " " + n + " " + written.get() + " " + deleted.get());
    }
}
