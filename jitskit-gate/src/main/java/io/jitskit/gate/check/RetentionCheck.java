package io.jitskit.gate.check;

import io.jitskit.api.Store;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.Workbench;
import io.jitskit.workload.gen.Mix;
import java.nio.file.Path;

/**
 * Check 1, retention: after the load phase every loaded key reads back its exact bytes. Also, as adversarial probe
 * 7a, the same under a second fresh seed and an id window far from zero, so that nothing a store learned about one
 * permutation or one dense range carries over (paper Appendix B, II.1: identity-indexed arrays).
 *
 * <p>Values come from the hidden-seed codec, so a store that stores nothing and synthesizes bytes (II.2) or keeps a
 * prefix and regenerates the rest (II.3) fails here: it cannot compute them.
 */
public final class RetentionCheck implements Probe {

    /** Check 1. */
    public static final String NAME = "retention";
    /** Adversarial probe 7a. */
    public static final String FRESH_PERMUTATION = "probe-fresh-permutation";

    private static final long VERSION = 1;

    private final String name;
    private final boolean freshPermutation;

    private RetentionCheck(final String name, final boolean freshPermutation) {
        this.name = name;
        this.freshPermutation = freshPermutation;
    }

    /** Check 1: load the gate's keys under the run's seed, read them all back. */
    public static RetentionCheck retention() {
        return new RetentionCheck(NAME, false);
    }

    /** Probe 7a: the same under a fresh seed, over ids starting at a random point above 2^40. */
    public static RetentionCheck freshPermutation() {
        return new RetentionCheck(FRESH_PERMUTATION, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(name, sut);
        final Workbench bench = freshPermutation
            ? new Workbench(sut.spec(), Mix.mix64(sut.workbench().seed() ^ 0x7A_F2E5_4L))
            : sut.workbench();
        final long first = freshPermutation ? (1L << 40) + (Mix.mix64(bench.seed()) >>> 24) : 0;
        final long keys = sut.spec().workload().keyCount();
        final int threads = sut.spec().environment().threads();
        trial.figure("keys", keys).figure("first_id", first).figure("threads", threads);
        final Path dir = sut.newDataDir(name);
        try (Store store = sut.open(dir)) {
            try {
                Loading.load(store, bench, bench.codec(), first, keys, VERSION, threads);
            } catch (final RuntimeException e) {
                return trial.storeThrew("the load of " + keys + " keys", e);
            }
            final String mismatch;
            try {
                mismatch = Loading.verify(store, bench, bench.codec(), first, keys, VERSION, threads, 0);
            } catch (final RuntimeException e) {
                return trial.storeThrew("the read-back of the loaded keys", e);
            }
            if (mismatch != null) {
                return trial.fail("a loaded key did not read back its bytes: " + mismatch,
                    "seed " + bench.seed() + "; load ids [" + first + ", " + (first + keys) + ") once each, version "
                        + VERSION + ", sizes from the spec by (id, version), " + threads + " threads (id % threads);"
                        + " then read every id back.\nfirst mismatch: " + mismatch);
            }
        }
        trial.figure("reads_verified", keys);
        return trial.pass(keys + " keys loaded and read back exactly" + (freshPermutation
            ? " under a fresh seed, ids from " + first : ""));
    }
}
