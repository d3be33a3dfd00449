package io.jitskit.gate.check;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.Workbench;
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.Arena;

/**
 * Probe 7b, keys outside the loaded range: ids the load never wrote read absent (a store that answers every key, like
 * the bitmap impostor, fails here), writing them works, and writing them disturbs no loaded key (an index sized and
 * hashed for exactly the loaded keys fails here).
 */
public final class OutsideRangeProbe implements Probe {

    public static final String NAME = "probe-keys-outside-range";

    private static final long MAX_KEYS = 10_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final Workbench bench = sut.workbench();
        final ValueCodec codec = bench.codec();
        // n loaded and n outside: together never more keys than the card has (a trace card may have 52).
        final long n = Math.max(1, Math.min(MAX_KEYS, sut.spec().workload().keyCount() / 2));
        final int threads = sut.spec().environment().threads();
        final String repro = "seed " + bench.seed() + "; load ids [0, " + n + ") at version 1 (" + threads
            + " threads), read ids [" + n + ", " + 2 * n + ") expecting absent, upsert them at version 3, read all "
            + 2 * n + " back.\n";
        trial.figure("keys", n);
        try (Store store = sut.open(sut.newDataDir(NAME))) {
            try {
                Loading.load(store, bench, codec, 0, n, 1, threads);
            } catch (final RuntimeException e) {
                return trial.storeThrew("the load", e);
            }
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(threads)) {
                final Lane lane = bench.lane(arena);
                for (long id = n; id < 2 * n; id++) {
                    final int length = lane.read(session, id);
                    if (length != Session.NOT_FOUND) {
                        return trial.fail("a key never written read as present: " + Reads.keyName(bench, id)
                            + " gave " + Reads.found(codec, lane, id, length), repro);
                    }
                }
                for (long id = n; id < 2 * n; id++) {
                    lane.write(session, id, lane.value(codec, id, 3, bench.sizeOf(id, 3)));
                }
            } catch (final RuntimeException e) {
                return trial.storeThrew("reads and writes of keys outside the loaded range", e);
            }
            final String outside;
            final String inside;
            try {
                outside = Loading.verify(store, bench, codec, n, n, 3, threads, threads + 1);
                inside = Loading.verify(store, bench, codec, 0, n, 1, threads, threads + 1);
            } catch (final RuntimeException e) {
                return trial.storeThrew("the read-back", e);
            }
            if (outside != null) {
                return trial.fail("a key written outside the loaded range did not read back: " + outside, repro);
            }
            if (inside != null) {
                return trial.fail("writing keys outside the loaded range damaged a loaded key: " + inside, repro);
            }
        }
        trial.figure("reads_verified", 3 * n);
        return trial.pass(n + " unloaded keys read absent, then written and read back; loaded keys intact");
    }
}
