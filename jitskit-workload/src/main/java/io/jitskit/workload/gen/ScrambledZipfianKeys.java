package io.jitskit.workload.gen;

/**
 * Zipfian ranks scattered over the ids by a seeded permutation, in the spirit of YCSB's ScrambledZipfianGenerator.
 *
 * <p>YCSB hashes a rank drawn over 10 G items (FNV) and reduces it modulo the key count, which merges ranks and bends
 * the profile. Here the rank is drawn over exactly {@code keyCount} items and mapped through a
 * {@link BoundedPermutation}, so the sorted frequency profile is exactly zipfian and the hottest ids are spread over
 * {@code [0, keyCount)}. Every thread of a run derives the same permutation from the run seed, so all threads agree
 * on which keys are hot.
 */
public final class ScrambledZipfianKeys implements KeyChooser {

    /** Tags the permutation's seed so it differs from any other use of the run seed. */
    private static final long PERMUTATION_STREAM = 0x5C7A_3B1E_D15C_0001L;

    private final ZipfianTable sampler;
    private final BoundedPermutation ranksToIds;

    public ScrambledZipfianKeys(final long keyCount, final double theta, final long seed) {
        this.sampler = new ZipfianTable(keyCount, theta);
        this.ranksToIds = rankPermutation(keyCount, seed);
    }

    /** The permutation from zipfian rank to id used for a run with this seed (tests invert it). */
    public static BoundedPermutation rankPermutation(final long keyCount, final long seed) {
        return new BoundedPermutation(keyCount, Mix.mix64(seed ^ PERMUTATION_STREAM));
    }

    @Override
    public long nextKeyId(final Rng rng) {
        return ranksToIds.apply(sampler.nextRank(rng));
    }
}
