package io.jitskit.gate;

import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.workload.KeySpace;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.gen.Mix;
import java.lang.foreign.Arena;

/**
 * What a check needs to speak to a store without letting it forge anything: the hidden key permutation, the value
 * codecs, and the value sizes the spec allows, all from one seed the store never sees (CONTRACTS section 3).
 *
 * <p>Immutable and thread-safe; each thread gets its own buffers from {@link #lane}.
 */
public final class Workbench {

    private final Spec spec;
    private final long seed;
    private final KeySpace keys;
    private final ValueCodec plain;
    private final ValueCodec counted;
    private final SizeDistribution sizes;
    private final long sizeSeed;
    private final int counterValueBytes;
    /** A trace card's observed sizes (see {@link #sizeOf}), or null. */
    private final int[] observed;
    /** With observed sizes, every this-many-th key id draws from the card's whole bounds instead. */
    private final long boundsStride;

    /** About this many of a trace card's keys take sizes from its whole bounds rather than from what it holds. */
    private static final long BOUNDS_KEYS = 16;

    public Workbench(final Spec spec, final long seed) {
        this.spec = spec;
        this.seed = seed;
        this.keys = new KeySpace(spec.workload().keyFormat(), seed);
        this.plain = ValueCodec.plain(seed);
        this.counted = ValueCodec.withRmwCounter(seed);
        this.sizes = spec.workload().valueSizes();
        this.sizeSeed = Mix.mix64(seed ^ 0x53_495A_4553L);
        this.counterValueBytes = smallestAllowedAtLeast(sizes, Long.BYTES);
        if (sizes instanceof SizeDistribution.FromTrace t && !t.observed().isEmpty()) {
            this.observed = t.observedSizes();
            final long keys = spec.workload().keyCount() > 0 ? spec.workload().keyCount() : 1L << 20;
            this.boundsStride = Math.max(1, keys / BOUNDS_KEYS);
        } else {
            this.observed = null;
            this.boundsStride = 1;
        }
    }

    public Spec spec() {
        return spec;
    }

    /** The hidden seed. Never hand it to a store. */
    public long seed() {
        return seed;
    }

    public KeySpace keys() {
        return keys;
    }

    /** The codec for values that rmw never touches: every byte checked. */
    public ValueCodec codec() {
        return plain;
    }

    /** The codec for rmw keys: bytes [0, 8) are the add-u64 counter and excluded from the check. */
    public ValueCodec counterCodec() {
        return counted;
    }

    public boolean supports(final Operation op) {
        return op == Operation.READ || spec.requirements().supports(op);
    }

    /** Largest value the spec allows. */
    public int maxValueBytes() {
        return sizes.max();
    }

    /** Smallest value the spec allows. */
    public int minValueBytes() {
        return sizes.min();
    }

    /** Size of an rmw value: the smallest allowed size of at least 8 bytes, or -1 when the spec has none. */
    public int counterValueBytes() {
        return counterValueBytes;
    }

    /**
     * This workbench drawing only self-verifying sizes: for a range whose small end is too short to carry a checksum
     * (a trace card's 1 B..1 MiB), the part of it from the first verifiable size; otherwise this workbench. Same seed,
     * keys and codecs.
     */
    public Workbench withVerifiableSizes() {
        if (valuesVerifiable() || sizes instanceof SizeDistribution.Fixed || sizes instanceof SizeDistribution.Bimodal) {
            return this;
        }
        for (int n = sizes.min(); n <= sizes.max(); n++) {
            if (plain.layout(n) != ValueCodec.Layout.TINY) {
                final int floor = n;
                final SizeDistribution verifiable = sizes instanceof SizeDistribution.FromTrace t
                    && !t.observed().isEmpty()
                    ? new SizeDistribution.FromTrace(floor, t.max(),
                        t.observed().stream().map(size -> Math.max(size, floor)).toList())
                    : new SizeDistribution.Uniform(n, sizes.max());
                return new Workbench(spec.withWorkload(spec.workload().withKeysAndValues(
                    spec.workload().keyFormat(), verifiable)), seed);
            }
        }
        return this;
    }

    /** Whether the spec's value sizes leave room for self-verifying values (see {@link ValueCodec#layout}). */
    public boolean valuesVerifiable() {
        return plain.layout(sizes.min()) != ValueCodec.Layout.TINY;
    }

    /**
     * A size the spec allows for version {@code version} of {@code keyId}; a pure function of the two. A trace card
     * checked against its trace draws from the sizes the trace holds, as the store was planned for them, except on
     * about {@value #BOUNDS_KEYS} keys, which draw from the card's whole bounds: the store promised every size in
     * them, and they must all be written somewhere.
     */
    public int sizeOf(final long keyId, final long version) {
        final long h = Mix.mix64(sizeSeed ^ Mix.mix64(keyId) ^ version);
        if (observed != null && Long.remainderUnsigned(keyId, boundsStride) != 0) {
            return observed[(int) Math.unsignedMultiplyHigh(h, observed.length)];
        }
        return switch (sizes) {
            case SizeDistribution.Fixed fixed -> fixed.size();
            case SizeDistribution.Bimodal bimodal ->
                Mix.toUnitDouble(h) < bimodal.smallWeight() ? bimodal.small() : bimodal.large();
            default -> sizes.min() + (int) Math.unsignedMultiplyHigh(h, sizes.max() - sizes.min() + 1L);
        };
    }

    /** A key-wide size, the same for every version: for checks that need same-size rewrites. */
    public int stableSizeOf(final long keyId) {
        return sizeOf(keyId, 0);
    }

    /** Buffers for one thread, allocated in {@code arena}. */
    public Lane lane(final Arena arena) {
        return new Lane(this, arena);
    }

    private static int smallestAllowedAtLeast(final SizeDistribution sizes, final int floor) {
        for (int n = Math.max(floor, sizes.min()); n <= sizes.max(); n++) {
            if (sizes.allows(n)) {
                return n;
            }
        }
        return -1;
    }
}
