package io.jitskit.workload.gen;

/**
 * YCSB's hotspot: the hot set, ids {@code [0, hotCount)}, receives a fraction {@code hotOpFraction} of operations,
 * uniformly within it; the rest go uniformly to the cold ids {@code [hotCount, keyCount)}. Hot ids are contiguous
 * before the hidden permutation and scattered after it.
 */
public final class HotspotKeys implements KeyChooser {

    private final long keyCount;
    private final long hotCount;
    private final long hotThreshold;

    public HotspotKeys(final long keyCount, final double hotSetFraction, final double hotOpFraction) {
        if (keyCount < 2) {
            throw new IllegalArgumentException("a hotspot needs at least 2 keys, had " + keyCount);
        }
        this.keyCount = keyCount;
        this.hotCount = Math.clamp((long) (keyCount * hotSetFraction), 1, keyCount - 1);
        this.hotThreshold = OpMix.threshold(hotOpFraction);
    }

    /** Ids below this are hot. */
    public long hotCount() {
        return hotCount;
    }

    @Override
    public long nextKeyId(final Rng rng) {
        return (rng.nextLong() >>> 11) < hotThreshold
            ? rng.nextLong(hotCount)
            : hotCount + rng.nextLong(keyCount - hotCount);
    }
}
