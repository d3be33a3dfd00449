package io.jitskit.workload.gen;

/**
 * YCSB's "latest": zipfian over recency, so the newest keys are hottest.
 *
 * <p>Recency is per thread: rank 0 is the newest id this thread has inserted, then its older inserts, then the
 * loaded ids from {@code keyCount - 1} down to 0. Each thread knows for certain which of its own inserts were issued
 * before a read (it executes its batch in order), while another thread's newest ids may not exist yet; so every key
 * this chooser names exists unless a delete removed it. The zipfian domain grows by one with each insert, which
 * {@link ZipfianSampler#itemCount(long)} supports in O(1).
 */
public final class LatestKeys implements KeyChooser {

    private final long keyCount;
    private final InsertIds inserts;
    private final ZipfianSampler sampler;

    public LatestKeys(final long keyCount, final double theta, final InsertIds inserts) {
        this.keyCount = keyCount;
        this.inserts = inserts;
        this.sampler = new ZipfianSampler(keyCount + inserts.issued(), theta);
    }

    @Override
    public long nextKeyId(final Rng rng) {
        final long own = inserts.issued();
        if (sampler.itemCount() != keyCount + own) {
            sampler.itemCount(keyCount + own);
        }
        final long rank = sampler.nextRank(rng);
        return rank < own ? inserts.idAt(own - 1 - rank) : keyCount - 1 - (rank - own);
    }
}
