package io.jitskit.synth.engine;

import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.Spec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One point in the in-memory engine's design space: the technique choices and numeric parameters the coder bakes into
 * a generated store, plus the {@link Facts card facts} they were sized for.
 *
 * <p>Fields are the knobs a planner turns; everything else (inline capacity, slots per group, group count, slab
 * classes, memory estimate, the technique set) is derived from them by methods, so a mutated design is always
 * self-consistent. {@link #initial(Spec)} derives a first design by rules that read card fields only (key count,
 * value-size distribution, operations, durability, budget, threads); {@link #neighbours()} yields the one-knob
 * mutations that still fit the budget.
 *
 * @param facts          the card fields the design was sized for
 * @param slotBytes      bytes per slot: a 16-byte header (version word, key) plus the inline payload; values up to
 *                       {@code slotBytes - 16} bytes live in the slot, larger ones in slabs
 * @param maxLoadFactor  upper bound of key capacity over slot count that sizing aims for
 * @param keyMargin      key capacity over the card's key count: room for inserts and for probes of keys outside the
 *                       loaded range
 * @param indexing       how a hash picks its home group
 * @param shards         independently allocated index shards, a power of two
 * @param checkpointMode how a checkpoint captures the table
 * @param claimStripes   stripe locks that serialize claims of new slots per key hash, a power of two
 * @param maxSessions    largest session id + 1
 * @param slabPageBytes  bytes per slab page, a power of two
 * @param slabTlabBytes  bytes a session carves from a page at a time for bump allocation
 * @param logRingBytes   per-session commit-log ring, a power of two (commit durability only)
 * @param hugePages      whether the table is mapped on transparent huge pages (madvise), so random probes stop paying
 *                       a page walk each
 */
public record Design(
    Facts facts,
    int slotBytes,
    double maxLoadFactor,
    double keyMargin,
    Indexing indexing,
    int shards,
    CheckpointMode checkpointMode,
    int claimStripes,
    int maxSessions,
    int slabPageBytes,
    int slabTlabBytes,
    int logRingBytes,
    boolean hugePages) {

    /** Largest inline payload: a 128-byte slot, two cache lines. */
    public static final int MAX_INLINE_BYTES = 112;

    /** Largest value the version word's 21-bit length field can describe. */
    public static final int MAX_VALUE_BYTES = (1 << 21) - 1;

    /** The most of a shard's slots that may ever be in use. */
    static final double MAX_SLOT_USE = 0.96;
    /** With deletes: the use at which the index is compacted, unless the design's own load is close to it. */
    static final double TOMBSTONE_COMPACTION_USE = 0.85;
    /** Slot header: the version word and the full key. */
    public static final int SLOT_HEADER_BYTES = 16;

    static final int CACHE_LINE = 64;

    /** Fraction of the usable budget an initial design aims to stay under, leaving room for what it does not model. */
    static final double PREFERRED_FILL = 0.85;

    /** Tables from this size map on huge pages in an initial design: 4 KiB pages x a 1536-entry STLB is 6 MiB. */
    static final long HUGE_PAGES_FROM_BYTES = 64L << 20;

    /** Slack on slab bytes for size-class rounding, per-thread bump regions and free lists. */
    static final double SLAB_SLACK = 1.10;

    /** How a hash picks its home group. */
    public enum Indexing {
        /** Group count a power of two; home group = top hash bits. */
        POWER_OF_TWO,
        /** Any group count; home group = (hash32 * groups) >>> 32. */
        FASTRANGE
    }

    /** How a checkpoint captures the table. */
    public enum CheckpointMode {
        /** Durability none: no checkpoint, nothing on disk. */
        NONE,
        /** Sessions stay quiesced while the snapshot is written to the file (the pause includes the write). */
        QUIESCE_WRITE,
        /** Table and slabs are copied to a shadow buffer under the quiesce; the file is written after release. */
        QUIESCE_SHADOW
    }

    public Design {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(indexing, "indexing");
        Objects.requireNonNull(checkpointMode, "checkpointMode");
        if (slotBytes < SLOT_HEADER_BYTES + Long.BYTES || slotBytes % Long.BYTES != 0
            || slotBytes > SLOT_HEADER_BYTES + MAX_INLINE_BYTES) {
            throw new IllegalArgumentException("slotBytes must be a multiple of 8 in [24, 128], was " + slotBytes);
        }
        if (!(maxLoadFactor >= 0.3 && maxLoadFactor <= 0.95)) {
            throw new IllegalArgumentException("maxLoadFactor must be in [0.3, 0.95], was " + maxLoadFactor);
        }
        if (!(keyMargin >= 1.0 && keyMargin <= 8.0)) {
            throw new IllegalArgumentException("keyMargin must be in [1, 8], was " + keyMargin);
        }
        requirePowerOfTwo(shards, "shards", 1, 1024);
        requirePowerOfTwo(claimStripes, "claimStripes", 1, 1 << 20);
        requirePowerOfTwo(slabPageBytes, "slabPageBytes", 1 << 16, 1 << 30);
        requirePowerOfTwo(logRingBytes, "logRingBytes", 1 << 12, 1 << 30);
        if (slabTlabBytes < 4096 || slabTlabBytes > slabPageBytes) {
            throw new IllegalArgumentException("slabTlabBytes must be in [4096, slabPageBytes], was " + slabTlabBytes);
        }
        if (maxSessions < facts.threads() || maxSessions > 1 << 16) {
            throw new IllegalArgumentException("maxSessions must be in [threads, 65536], was " + maxSessions);
        }
        if ((checkpointMode == CheckpointMode.NONE) == facts.durability().isDurable()) {
            throw new IllegalArgumentException("checkpoint mode " + checkpointMode + " does not match durability "
                + facts.durability().level());
        }
    }

    /* ---------------------------------------------------------------- rules */

    /**
     * The first design for {@code spec}, by rules over its card fields. Preference order: every value inline (one
     * probe fetches the value), then the small mode inline with larger values in slabs, then compact 32-byte slots
     * with values in slabs; within each, a power-of-two table at load 0.7 before fastrange sizing and higher load.
     * The first that fits {@link #PREFERRED_FILL} of the usable budget wins, then the first that fits at all.
     * A shadow-copy checkpoint is chosen when the doubled footprint still fits.
     *
     * @throws DesignException with the figures when no in-memory design fits, or the card is out of scope
     */
    public static Design initial(final Spec spec) {
        return initial(Facts.of(spec));
    }

    /** {@link #initial(Spec)} from already extracted facts. */
    public static Design initial(final Facts facts) {
        final double margin = defaultMargin(facts);
        final CheckpointMode baseMode = facts.durability().isDurable()
            ? CheckpointMode.QUIESCE_WRITE : CheckpointMode.NONE;
        final int stripes = Integer.highestOneBit(Math.max(64, facts.threads() * 256) - 1) << 1;
        final int sessions = Math.max(256, facts.threads() * 4);
        for (final double fill : new double[] {PREFERRED_FILL, 1.0}) {
            for (final int slot : slotCandidates(facts)) {
                for (final Indexing indexing : Indexing.values()) {
                    for (final double load : new double[] {0.70, 0.80, 0.87}) {
                        for (final double m : new double[] {margin, Math.min(margin, 1.05)}) {
                            final Design d = new Design(facts, slot, load, m, indexing, 1, baseMode, stripes, sessions,
                                1 << 24, 1 << 18, 1 << 22, false).withHugePagesWhenTheTableOutgrowsTheTlb();
                            if (d.estimatedBytes() <= fill * facts.usableBytes()) {
                                if (baseMode == CheckpointMode.NONE) {
                                    return d;
                                }
                                final Design shadow = d.withCheckpointMode(CheckpointMode.QUIESCE_SHADOW);
                                return shadow.estimatedBytes() <= fill * facts.usableBytes() ? shadow : d;
                            }
                        }
                    }
                }
            }
        }
        final Design smallest = new Design(facts, 32, 0.87, Math.min(margin, 1.05), Indexing.FASTRANGE, 1, baseMode,
            stripes, sessions, 1 << 24, 1 << 18, 1 << 22, false);
        throw new DesignException(smallest.doesNotFitReason());
    }

    private static double defaultMargin(final Facts facts) {
        // Inserts outside a time-ordered window grow the live set; otherwise 12.5 % covers probes of keys outside
        // the loaded range. A time-ordered window stays at the key count: deletes leave tombstones that new keys reuse.
        return facts.insertShare() > 0 && !facts.timeOrdered() ? 1.5 : 1.125;
    }

    private static List<Integer> slotCandidates(final Facts facts) {
        if (facts.variableKeys()) {
            // The slot keeps a key tag and the reference of a chunk holding key and value: nothing is inline.
            return List.of(SLOT_HEADER_BYTES + Long.BYTES);
        }
        final Set<Integer> slots = new LinkedHashSet<>();
        final var sizes = facts.valueSizes();
        if (sizes.max() <= MAX_INLINE_BYTES) {
            slots.add(SLOT_HEADER_BYTES + Math.max(Long.BYTES, SlabClasses.roundUp8(sizes.max())));
        }
        if (sizes instanceof io.jitskit.spec.SizeDistribution.Bimodal b && b.small() <= MAX_INLINE_BYTES) {
            slots.add(SLOT_HEADER_BYTES + Math.max(Long.BYTES, SlabClasses.roundUp8(b.small())));
        }
        slots.add(32);
        slots.add(24);
        return List.copyOf(slots);
    }

    /* ---------------------------------------------------------------- mutations */

    /**
     * The one-knob mutations of this design that are valid and fit the usable budget: toggle inline values, load
     * factor up or down, the other indexing, twice or half the shards, the other checkpoint mode, four times more or
     * fewer claim stripes.
     */
    public List<Design> neighbours() {
        final Set<Design> out = new LinkedHashSet<>();
        for (final int slot : slotCandidates(facts)) {
            if (slot != slotBytes) {
                out.add(withSlotBytes(slot));
            }
        }
        for (final int step : new int[] {-10, 10}) {
            // The load only sizes the table (and a delete design's compaction bound); a power-of-two table often
            // rounds two loads to the same store, which would be measured again as if it were new: step on to the
            // first load that changes the table. In hundredths, so the steps land on exact loads.
            for (long load = Math.round(maxLoadFactor * 100) + step; load >= 50 && load <= 90; load += step) {
                final Design d = withMaxLoadFactor(load / 100.0);
                if (d.slotCount() != slotCount() || d.maxUsedSlotsPerShard() != maxUsedSlotsPerShard()) {
                    out.add(d);
                    break;
                }
            }
        }
        out.add(withIndexing(indexing == Indexing.POWER_OF_TWO ? Indexing.FASTRANGE : Indexing.POWER_OF_TWO));
        if (shards < 64) {
            out.add(withShards(shards * 2));
        }
        if (shards > 1) {
            out.add(withShards(shards / 2));
        }
        if (checkpointMode == CheckpointMode.QUIESCE_WRITE) {
            out.add(withCheckpointMode(CheckpointMode.QUIESCE_SHADOW));
        } else if (checkpointMode == CheckpointMode.QUIESCE_SHADOW) {
            out.add(withCheckpointMode(CheckpointMode.QUIESCE_WRITE));
        }
        if (claimStripes <= 1 << 16) {
            out.add(withClaimStripes(claimStripes * 4));
        }
        if (claimStripes >= 256) {
            out.add(withClaimStripes(claimStripes / 4));
        }
        out.add(withHugePages(!hugePages));
        out.remove(this);
        final List<Design> fitting = new ArrayList<>();
        for (final Design d : out) {
            if (d.problems().isEmpty()) {
                fitting.add(d);
            }
        }
        return fitting;
    }

    public Design withSlotBytes(final int v) {
        return new Design(facts, v, maxLoadFactor, keyMargin, indexing, shards, checkpointMode, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, hugePages);
    }

    /** Toggles inline values: every value in the slot when {@code inline}, else compact 32-byte slots and slabs. */
    public Design withInlineValues(final boolean inline) {
        if (!inline) {
            return withSlotBytes(32);
        }
        if (facts.valueSizes().max() > MAX_INLINE_BYTES) {
            throw new IllegalArgumentException("values up to " + facts.valueSizes().max()
                + " bytes cannot all be inline (at most " + MAX_INLINE_BYTES + ")");
        }
        return withSlotBytes(SLOT_HEADER_BYTES + Math.max(Long.BYTES, SlabClasses.roundUp8(facts.valueSizes().max())));
    }

    public Design withMaxLoadFactor(final double v) {
        return new Design(facts, slotBytes, v, keyMargin, indexing, shards, checkpointMode, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, hugePages);
    }

    public Design withKeyMargin(final double v) {
        return new Design(facts, slotBytes, maxLoadFactor, v, indexing, shards, checkpointMode, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, hugePages);
    }

    public Design withIndexing(final Indexing v) {
        return new Design(facts, slotBytes, maxLoadFactor, keyMargin, v, shards, checkpointMode, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, hugePages);
    }

    public Design withShards(final int v) {
        return new Design(facts, slotBytes, maxLoadFactor, keyMargin, indexing, v, checkpointMode, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, hugePages);
    }

    public Design withCheckpointMode(final CheckpointMode v) {
        return new Design(facts, slotBytes, maxLoadFactor, keyMargin, indexing, shards, v, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, hugePages);
    }

    public Design withClaimStripes(final int v) {
        return new Design(facts, slotBytes, maxLoadFactor, keyMargin, indexing, shards, checkpointMode, v,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, hugePages);
    }

    public Design withSlab(final int pageBytes, final int tlabBytes) {
        return new Design(facts, slotBytes, maxLoadFactor, keyMargin, indexing, shards, checkpointMode, claimStripes,
            maxSessions, pageBytes, tlabBytes, logRingBytes, hugePages);
    }

    public Design withHugePages(final boolean v) {
        return new Design(facts, slotBytes, maxLoadFactor, keyMargin, indexing, shards, checkpointMode, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, logRingBytes, v);
    }

    /**
     * Huge pages on when the table is larger than 4 KiB pages let the TLB cover (a second-level TLB maps a few MiB),
     * where nearly every probe would walk the page tables.
     */
    Design withHugePagesWhenTheTableOutgrowsTheTlb() {
        return withHugePages(tableBytes() >= HUGE_PAGES_FROM_BYTES);
    }

    public Design withLogRingBytes(final int v) {
        return new Design(facts, slotBytes, maxLoadFactor, keyMargin, indexing, shards, checkpointMode, claimStripes,
            maxSessions, slabPageBytes, slabTlabBytes, v, hugePages);
    }

    /* ---------------------------------------------------------------- derived layout */

    /** Value bytes a slot holds inline (also the 8-byte slab reference when a value is not inline). */
    public int inlineBytes() {
        return slotBytes - SLOT_HEADER_BYTES;
    }

    /** Whether every allowed value size fits inline. */
    public boolean allInline() {
        return facts.slabSizes().max() <= inlineBytes();
    }

    /** Whether some allowed value sizes live in slabs. */
    public boolean usesSlab() {
        return !allInline();
    }

    /** Whether some allowed value sizes are inline. */
    public boolean someInline() {
        return facts.slabSizes().min() <= inlineBytes();
    }

    /** Slots per group: the fewest slots whose bytes are a whole number of cache lines. */
    public int slotsPerGroup() {
        return CACHE_LINE / gcd(slotBytes, CACHE_LINE);
    }

    /** Bytes per group, a multiple of the cache line. */
    public int groupBytes() {
        return slotsPerGroup() * slotBytes;
    }

    /** Live keys the table is sized for: the card's key count times the margin. */
    public long keyCapacity() {
        return (long) Math.ceil(facts.keyCount() * keyMargin);
    }

    /** Groups in each shard. */
    public long groupsPerShard() {
        final double slotsNeeded = Math.ceil(keyCapacity() / maxLoadFactor);
        final long groups = Math.max(1, (long) Math.ceil(slotsNeeded / shards / slotsPerGroup()));
        if (indexing == Indexing.POWER_OF_TWO) {
            // At least two groups, so the home group is a real shift of the hash (a 64-bit shift is no shift).
            return groups <= 2 ? 2 : Long.highestOneBit(groups - 1) << 1;
        }
        return groups;
    }

    /** Slots over all shards. */
    public long slotCount() {
        return groupsPerShard() * slotsPerGroup() * shards;
    }

    /** Key capacity over slot count: the load factor the table reaches with the full key capacity live. */
    public double loadFactor() {
        return (double) keyCapacity() / slotCount();
    }

    /**
     * Slots a shard may ever have claimed from empty before a claim fails with a clear error or, with deletes, the
     * index is compacted. Without deletes only live keys use slots, and the bound is a guard. With deletes, tombstones
     * of keys that are never written again use slots too, and a linear-probing miss at 96% use scans about 300 slots:
     * compacting at 85% (or 0.1 above the design's load, if higher) keeps misses near 20 at the worst. The load is
     * the realized one, after sizing rounded the table: two load-factor knobs that give one table give one store.
     */
    public long maxUsedSlotsPerShard() {
        final long perShard = groupsPerShard() * slotsPerGroup();
        final double bound = facts.supports(Operation.DELETE)
            ? Math.max(TOMBSTONE_COMPACTION_USE, Math.min(MAX_SLOT_USE, loadFactor() + 0.1)) : MAX_SLOT_USE;
        return Math.max(1, Math.min(perShard - 1, (long) Math.floor(perShard * bound)));
    }

    /** Index bytes over all shards. */
    public long tableBytes() {
        return slotCount() * slotBytes;
    }

    /** The slab size classes of values that do not fit inline. */
    public SlabClasses slabClasses() {
        return SlabClasses.of(facts.slabSizes(), inlineBytes());
    }

    /** Expected slab bytes with the card's key count live, including size-class and allocator slack. */
    public long estimatedSlabBytes() {
        if (allInline()) {
            return 0;
        }
        final double perKey = slabClasses().expectedChunkBytes(facts.slabSizes(), inlineBytes());
        final double tlabs = (double) facts.threads() * slabTlabBytes * slabClasses().count();
        final long bytes = (long) Math.ceil(facts.keyCount() * perKey * SLAB_SLACK + tlabs);
        // The slab allocates whole pages: a 1 GiB page for a few MiB of values is 1 GiB (found by DesignLatticeTest).
        return Math.ceilDiv(bytes, (long) slabPageBytes) * slabPageBytes;
    }

    /** Expected bytes of everything the store allocates, with the card's key count live. */
    public long estimatedBytes() {
        final long live = tableBytes() + estimatedSlabBytes();
        final long shadow = checkpointMode == CheckpointMode.QUIESCE_SHADOW ? live : 0;
        final long logs = commitLog() ? (long) facts.threads() * logRingBytes : 0;
        final long control = (long) maxSessions * 128 + (long) claimStripes * 64;
        return live + shadow + logs + control;
    }

    /** Whether this design's estimate fits the usable budget. */
    public boolean fits() {
        return estimatedBytes() <= facts.usableBytes();
    }

    /** Whether sessions log their mutations for commit durability. */
    public boolean commitLog() {
        return facts.durability().level() == Durability.Level.COMMIT;
    }

    /** Why this design cannot serve its facts, or an empty list. */
    public List<String> problems() {
        final List<String> out = new ArrayList<>();
        if (!fits()) {
            out.add(doesNotFitReason());
        }
        if (facts.variableKeys() && slotBytes != SLOT_HEADER_BYTES + Long.BYTES) {
            // The coder keeps a variable key's tag and its chunk's reference in the slot; it has no inline path for
            // such keys, and a wider slot would be read as holding a value inline (found by DesignLatticeTest).
            out.add("variable-length keys need 24-byte slots (a key tag and the reference of the chunk holding key"
                + " and value), not " + slotBytes);
        }
        if (usesSlab() && inlineBytes() < Long.BYTES) {
            out.add("slab values need at least 8 inline bytes for the slab reference");
        }
        if (groupsPerShard() > 1L << 32) {
            out.add("more than 2^32 groups per shard; raise shards");
        }
        if (commitLog() && logRingBytes < 4L * (facts.valueSizes().max() + 64)) {
            out.add("log ring of " + logRingBytes + " bytes is under four records of the largest value");
        }
        return out;
    }

    /** One line with the figures: the estimate against the usable budget. */
    public String doesNotFitReason() {
        return String.format(Locale.ROOT,
            "data does not fit the usable budget: %,d keys x (%d-B slot / load %.2f + %.0f B slab value) = %s"
                + " (table %s, slab %s%s) > usable %s (budget less headroom); use the larger-than-memory engine or"
                + " raise environment.memory_budget",
            facts.keyCount(), slotBytes, loadFactor(),
            allInline() ? 0.0 : slabClasses().expectedChunkBytes(facts.slabSizes(), inlineBytes()),
            bytes(estimatedBytes()), bytes(tableBytes()), bytes(estimatedSlabBytes()),
            checkpointMode == CheckpointMode.QUIESCE_SHADOW ? ", doubled for the shadow checkpoint" : "",
            bytes(facts.usableBytes()));
    }

    /** The techniques this design composes. */
    public Set<Technique> techniques() {
        final EnumSet<Technique> t = EnumSet.of(Technique.OPEN_ADDRESSING_GROUPS, Technique.FMIX64_HASH,
            facts.variableKeys() ? Technique.KEY_TAG_AND_FULL_KEY_IN_CHUNK : Technique.FULL_KEY_IN_SLOT,
            Technique.SEQLOCK_SLOTS);
        t.add(indexing == Indexing.POWER_OF_TWO ? Technique.POWER_OF_TWO_GROUPS : Technique.FASTRANGE_GROUPS);
        if (someInline()) {
            t.add(Technique.INLINE_VALUES);
        }
        if (usesSlab()) {
            t.add(Technique.SLAB_VALUES);
            t.add(Technique.IN_PLACE_SAME_CLASS_OVERWRITE);
        }
        if (shards > 1) {
            t.add(Technique.SHARDED_TABLE);
        }
        if (facts.supports(Operation.RMW)) {
            t.add(Technique.CAS_RMW);
        }
        if (facts.supports(Operation.DELETE)) {
            t.add(Technique.TOMBSTONE_REUSE);
        }
        if (checkpointMode != CheckpointMode.NONE) {
            t.add(Technique.QUIESCE_CHECKPOINT);
        }
        if (checkpointMode == CheckpointMode.QUIESCE_SHADOW) {
            t.add(Technique.SHADOW_COPY_CHECKPOINT);
        }
        if (hugePages) {
            t.add(Technique.HUGE_PAGE_TABLE);
        }
        if (commitLog()) {
            t.add(Technique.SESSION_APPEND_LOGS);
            t.add(Technique.LOG_TRUNCATION);
        }
        return t;
    }

    /** One line: the layout, the sizing and the memory estimate. */
    public String describe() {
        final String values;
        if (allInline()) {
            values = "all values inline (" + inlineBytes() + " B)";
        } else if (someInline()) {
            values = "values <= " + inlineBytes() + " B inline, larger in " + classes(slabClasses().count());
        } else if (facts.variableKeys()) {
            values = "key tags in slots, keys and values in " + classes(slabClasses().count());
        } else {
            values = "values in " + classes(slabClasses().count());
        }
        return String.format(Locale.ROOT,
            "%s; %d-B slots x %d per %d-B group; %,d slots (%s, load %.2f at %,d keys%s); %d shard%s; %d claim"
                + " stripes; checkpoint %s%s; est %s of %s usable",
            values, slotBytes, slotsPerGroup(), groupBytes(), slotCount(),
            indexing == Indexing.POWER_OF_TWO ? "power of two" : "fastrange", loadFactor(), keyCapacity(),
            hugePages ? ", huge pages" : "", shards, shards == 1 ? "" : "s", claimStripes,
            checkpointMode.name().toLowerCase(Locale.ROOT).replace('_', '-'), commitLog() ? " + session logs" : "",
            bytes(estimatedBytes()), bytes(facts.usableBytes()));
    }

    /** A short feature code for class and store names, e.g. {@code s120-p2-l67-h1-cs}. */
    public String code() {
        return String.format(Locale.ROOT, "s%d-%s-l%02d-h%d-%s%s%s",
            slotBytes, indexing == Indexing.POWER_OF_TWO ? "p2" : "fr", Math.round(loadFactor() * 100), shards,
            switch (checkpointMode) {
                case NONE -> "cn";
                case QUIESCE_WRITE -> "cw";
                case QUIESCE_SHADOW -> "cs";
            },
            commitLog() ? "-lg" : "", hugePages ? "-hp" : "") + (facts.variableKeys() ? "-vk" : "");
    }

    private static String classes(final int n) {
        return n == 1 ? "1 slab class" : n + " slab classes";
    }

    static String bytes(final long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }

    private static int gcd(final int a, final int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static void requirePowerOfTwo(final long v, final String name, final long min, final long max) {
        if (v < min || v > max || Long.bitCount(v) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two in [" + min + ", " + max + "], was "
                + v);
        }
    }
}
