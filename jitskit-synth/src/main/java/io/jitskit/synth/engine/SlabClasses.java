package io.jitskit.synth.engine;

import io.jitskit.spec.SizeDistribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Size classes of the off-heap value slabs: which chunk size a value of each allowed size takes.
 *
 * <p>Discrete distributions (fixed, bimodal) get one exact class per size that does not fit inline, so a chunk wastes
 * at most the 7 bytes of 8-byte alignment. Ranges get linear classes of a power-of-two granule chosen so there are at
 * most {@link #MAX_CLASSES}: a value wastes less than one granule, and an overwrite whose new size stays within its
 * class writes in place. Ranges wider than {@link #LINEAR_SPAN_LIMIT} get geometric classes instead, two per power
 * of two: with a few live keys spread over a wide range, linear classes would hold so few chunks each that a slab
 * filled by the workload's history could lack a free chunk for a large value; geometric classes pool many more chunks
 * per class, at a waste of at most half a class (a third of the chunk).
 *
 * @param kind       how sizes map to classes
 * @param base       for {@link Kind#LINEAR}: class {@code c} holds sizes in {@code (base + c*granule, base +
 *                   (c+1)*granule]}; for {@link Kind#GEOMETRIC}: the floor of log2 of (smallest size - 1), the
 *                   exponent of class 0
 * @param granule    for {@link Kind#LINEAR}: the width of a class, a power of two
 * @param chunkBytes per class, the chunk size (a multiple of 8)
 * @param sizes      for {@link Kind#EXACT}: per class, the one value size it holds
 */
public record SlabClasses(Kind kind, int base, int granule, List<Integer> chunkBytes, List<Integer> sizes) {

    /** How sizes map to classes. */
    public enum Kind {
        /** Every value is inline; no slab. */
        NONE,
        /** One class per discrete size. */
        EXACT,
        /** Linear classes over a size range. */
        LINEAR,
        /** Two classes per power of two over a wide size range. */
        GEOMETRIC
    }

    /** Most classes a range is split into; bounds the per-thread free-list arrays. */
    public static final int MAX_CLASSES = 64;

    /** Widest range split into linear classes (granules up to 4 KiB); wider ranges are geometric. */
    public static final int LINEAR_SPAN_LIMIT = MAX_CLASSES * 4096;

    public SlabClasses {
        chunkBytes = List.copyOf(chunkBytes);
        sizes = List.copyOf(sizes);
    }

    /** The classes for values of {@code sizes} that do not fit {@code inlineBytes}. */
    public static SlabClasses of(final SizeDistribution sizes, final int inlineBytes) {
        if (sizes.max() <= inlineBytes) {
            return new SlabClasses(Kind.NONE, 0, 0, List.of(), List.of());
        }
        return switch (sizes) {
            case SizeDistribution.Fixed f -> exact(List.of(f.size()));
            case SizeDistribution.Bimodal b -> b.small() <= inlineBytes
                ? exact(List.of(b.large()))
                : exact(List.of(b.small(), b.large()));
            default -> {
                final int smallest = Math.max(sizes.min(), inlineBytes + 1);
                yield sizes.max() - smallest > LINEAR_SPAN_LIMIT
                    ? geometric(smallest, sizes.max()) : linear(smallest - 1, sizes.max());
            }
        };
    }

    private static SlabClasses exact(final List<Integer> exactSizes) {
        final List<Integer> chunks = new ArrayList<>();
        for (final int size : exactSizes) {
            chunks.add(roundUp8(size));
        }
        return new SlabClasses(Kind.EXACT, 0, 0, chunks, exactSizes);
    }

    private static SlabClasses linear(final int base, final int max) {
        final int span = max - base;
        int granule = 8;
        while ((span + granule - 1) / granule > MAX_CLASSES) {
            granule <<= 1;
        }
        final int count = (span + granule - 1) / granule;
        final List<Integer> chunks = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            chunks.add(roundUp8(Math.min(max, base + (c + 1) * granule)));
        }
        return new SlabClasses(Kind.LINEAR, base, granule, chunks, List.of());
    }

    private static SlabClasses geometric(final int min, final int max) {
        final int base = Math.max(3, floorLog2(Math.max(1, min - 1)));
        final List<Integer> chunks = new ArrayList<>();
        for (int c = 0; c <= geometricClass(base, max); c++) {
            final long e = base + c / 2;
            final long upper = (1L << e) + ((c % 2) + 1) * (1L << (e - 1));
            chunks.add(roundUp8((int) Math.min(max, upper)));
        }
        return new SlabClasses(Kind.GEOMETRIC, base, 0, chunks, List.of());
    }

    /** Class of {@code size} among geometric classes from exponent {@code base}: (e - base) * 2 + the bit below e. */
    static int geometricClass(final int base, final int size) {
        final long below = size - 1L;
        final int log = floorLog2(Math.max(1, below));
        return log < base ? 0 : (log - base) * 2 + (int) (below >>> (log - 1) & 1);
    }

    private static int floorLog2(final long v) {
        return 63 - Long.numberOfLeadingZeros(v);
    }

    /** Number of classes. */
    public int count() {
        return chunkBytes.size();
    }

    /** The class of a slab value of {@code size} bytes. */
    public int classOf(final int size) {
        return switch (kind) {
            case NONE -> throw new IllegalStateException("no slab classes: every value is inline");
            case EXACT -> sizes.indexOf(size);
            case LINEAR -> (size - base - 1) / granule;
            case GEOMETRIC -> geometricClass(base, size);
        };
    }

    /** Expected slab bytes per value of {@code sizes} (inline values count 0), for capacity planning. */
    public double expectedChunkBytes(final SizeDistribution dist, final int inlineBytes) {
        return switch (dist) {
            case SizeDistribution.Fixed f -> f.size() > inlineBytes ? chunkBytes.get(classOf(f.size())) : 0;
            case SizeDistribution.Bimodal b ->
                (b.small() > inlineBytes ? b.smallWeight() * chunkBytes.get(classOf(b.small())) : 0)
                    + (1 - b.smallWeight()) * chunkBytes.get(classOf(b.large()));
            case SizeDistribution.FromTrace t when !t.observed().isEmpty() -> {
                // A trace read: its sample of what the keys hold, each entry an equal share of the keys.
                double sum = 0;
                for (final int size : t.observed()) {
                    sum += size > inlineBytes ? chunkBytes.get(classOf(size)) : 0;
                }
                yield sum / t.observed().size();
            }
            default -> {
                // Ranges (uniform, or a trace's bounds): assume every size in the range equally likely.
                double sum = 0;
                for (int size = dist.min(); size <= dist.max(); size++) {
                    sum += size > inlineBytes ? chunkBytes.get(classOf(size)) : 0;
                }
                yield sum / (dist.max() - dist.min() + 1);
            }
        };
    }

    static int roundUp8(final int n) {
        return (n + 7) & ~7;
    }
}
