package io.jitskit.workload.gen;

/**
 * Exact Zipf sampling over a fixed set of ranks {@code [0, n)}, P(rank r) proportional to {@code 1 / (r + 1)^theta},
 * at a few nanoseconds a draw: an alias table over rank buckets, then rejection within the bucket.
 *
 * <p>The ranks are cut into buckets that are single ranks up to 128 and then grow geometrically, each {@code 1/64}
 * of its start wide (about 900 buckets at 10 M ranks, 1,300 at 10 G). A bucket's envelope is its width times the
 * probability of its first (most likely) rank. A draw picks a bucket in proportion to its envelope (Walker's alias
 * method, Vose's construction: one random word, one or two table entries), a rank uniformly inside it, and accepts the
 * rank with probability {@code ((start + 1) / (rank + 1))^theta}, the true weight over the envelope. Rejection
 * restarts the draw, so the result is exactly Zipf. Within a bucket the weight falls by at most {@code 1/64}, so a
 * precomputed squeeze accepts about 98.5% of draws without a {@code pow}, and fewer than 1% restart.
 *
 * <p>Why not {@link ZipfianSampler} (rejection-inversion) for a fixed domain: its log and exp per draw cost about
 * 29 ns, a third of a fast store's operation, which either slows the harness in the timed path or tempts it into
 * replaying a small sample (which is what shrank the workload's key footprint). The table holds 32 bytes a column
 * (32 KiB at 10 M ranks, 64 KiB at 10 G), is built in O(buckets) and is immutable, so threads may share one. {@link LatestKeys}
 * keeps {@link ZipfianSampler}, whose domain grows by one with each insert.
 */
public final class ZipfianTable {

    /** A bucket is {@code start >>> WIDTH_SHIFT} ranks wide (at least one). */
    private static final int WIDTH_SHIFT = 6;
    private static final long UNIT = 1L << 53;
    /** Keeps a bucket's width within the 32 bits it is packed in. */
    private static final long MAX_RANKS = 1L << 38;

    private final long n;
    private final double theta;
    private final int columnShift;
    private final long coinMask;
    /**
     * Four longs per column, read together: the coin threshold for staying in the column (in units of
     * {@code coinMask + 1}), {@code alias << 32 | width} (the column a lost coin goes to, and the bucket's width), the
     * bucket's first rank, and its squeeze (the smallest acceptance probability in the bucket, in units of 2^-53).
     */
    private final long[] columns;

    public ZipfianTable(final long n, final double theta) {
        if (n <= 0) {
            throw new IllegalArgumentException("zipfian item count must be positive, was " + n);
        }
        if (n > MAX_RANKS) {
            throw new IllegalArgumentException("zipfian item count must be at most 2^38, was " + n);
        }
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("zipfian theta must be positive, was " + theta);
        }
        this.n = n;
        this.theta = theta;
        int buckets = 0;
        for (long start = 0; start < n; start += width(start, n)) {
            buckets++;
        }
        final int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(buckets - 1));
        final int size = 1 << bits;
        this.columnShift = 64 - bits;
        this.coinMask = (1L << columnShift) - 1;
        final long[] starts = new long[size];
        final long[] widths = new long[size];
        final double[] envelope = new double[size];
        double total = 0;
        int b = 0;
        for (long start = 0; start < n; start += widths[b++]) {
            starts[b] = start;
            widths[b] = width(start, n);
            envelope[b] = widths[b] * Math.pow(start + 1, -theta);
            total += envelope[b];
        }
        // Columns past the last bucket have no mass: the alias construction sends all of their draws elsewhere.
        final double[] scaled = new double[size];
        for (int i = 0; i < size; i++) {
            scaled[i] = envelope[i] * size / total;
        }
        final int[] alias = new int[size];
        final double[] stay = vose(scaled, alias);
        this.columns = new long[size * 4];
        for (int i = 0; i < size; i++) {
            final long w = widths[i];
            columns[4 * i] = Math.min(coinMask + 1, (long) Math.ceil(stay[i] * (coinMask + 1)));
            columns[4 * i + 1] = (long) alias[i] << 32 | w;
            columns[4 * i + 2] = starts[i];
            columns[4 * i + 3] = w <= 1 ? UNIT : (long) (Math.pow((starts[i] + 1.0) / (starts[i] + w), theta) * UNIT);
        }
    }

    private static long width(final long start, final long n) {
        return Math.min(Math.max(1, start >>> WIDTH_SHIFT), n - start);
    }

    /**
     * Vose's alias construction over probabilities scaled so they sum to the column count; returns the probability of
     * staying in each column and fills {@code alias} with where the rest goes.
     */
    private static double[] vose(final double[] scaled, final int[] alias) {
        final int size = scaled.length;
        final double[] stay = new double[size];
        final double[] p = scaled.clone();
        final int[] small = new int[size];
        final int[] large = new int[size];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < size; i++) {
            if (p[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            final int s = small[--ns];
            final int l = large[--nl];
            stay[s] = p[s];
            alias[s] = l;
            p[l] = p[l] + p[s] - 1.0;
            if (p[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        // What remains is 1 up to rounding.
        while (nl > 0) {
            final int l = large[--nl];
            stay[l] = 1.0;
            alias[l] = l;
        }
        while (ns > 0) {
            final int s = small[--ns];
            stay[s] = p[s] > 0 ? 1.0 : 0.0;
            alias[s] = s;
        }
        return stay;
    }

    public long itemCount() {
        return n;
    }

    public double theta() {
        return theta;
    }

    /** A rank in [0, n); rank 0 is the most frequent. */
    public long nextRank(final Rng rng) {
        while (true) {
            final long u = rng.nextLong();
            int column = (int) (u >>> columnShift);
            if ((u & coinMask) >= columns[4 * column]) {
                column = (int) (columns[4 * column + 1] >>> 32);
            }
            final long start = columns[4 * column + 2];
            final long width = columns[4 * column + 1] & 0xFFFF_FFFFL;
            if (width <= 1) {
                return start;
            }
            final long rank = start + rng.nextLong(width);
            final long v = rng.nextLong() >>> 11;
            // Squeeze first; the exact weight only for the ~1.5% of draws between squeeze and envelope.
            if (v < columns[4 * column + 3]
                || v < Math.pow((start + 1.0) / (rank + 1.0), theta) * UNIT) {
                return rank;
            }
        }
    }
}
