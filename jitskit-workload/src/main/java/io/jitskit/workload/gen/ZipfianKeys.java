package io.jitskit.workload.gen;

/**
 * Zipfian over ids: id {@code r} has probability proportional to {@code 1 / (r + 1)^theta}, so id 0 is hottest. The
 * hidden {@code KeySpace} permutation scatters these ids over the store's key space, so "dense hot ids" are never
 * visible to a store.
 */
public final class ZipfianKeys implements KeyChooser {

    private final ZipfianTable sampler;

    public ZipfianKeys(final long keyCount, final double theta) {
        this.sampler = new ZipfianTable(keyCount, theta);
    }

    @Override
    public long nextKeyId(final Rng rng) {
        return sampler.nextRank(rng);
    }
}
