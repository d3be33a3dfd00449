package io.jitskit.synth.engine.log;

import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.DesignException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One point in the larger-than-memory engine's design space: the knobs a planner turns, plus the {@link LogFacts}
 * they were sized for. Everything else (index slots, ring and cache sizes, the memory plan) is derived by methods, so
 * a mutated design stays self-consistent.
 *
 * <p>Memory plan: the store may use the card's usable bytes less {@link #JVM_ALLOWANCE_BYTES} for what the JVM keeps
 * resident. The index comes first (it must hold every key); of the rest, {@code cacheShare} goes to the read cache
 * when there is one, and the remainder to the per-session in-memory log tails (rings). Log files on disk are opened
 * with {@code O_DIRECT}, so they add nothing to the page cache the budget charges.
 *
 * @param facts               the card fields the design was sized for
 * @param indexLoadFactor     keys over slots the index is sized for, in [0.5, 0.9]
 * @param keyMargin           key capacity over the card's key count, in [1, 4]: room for inserts and time windows
 * @param eviction            how the read cache picks a victim, or {@link Eviction#NONE} for no cache
 * @param admission           whether the read cache admits every disk read or only more popular keys
 * @param cacheShare          fraction of the memory after the index given to the read cache, in [0, 0.9]
 * @param cacheWays           ways per cache set: 4, 8 or 16
 * @param cacheValueBytes     the largest value the read cache keeps, within the card's value sizes: entries are
 *                            sized for it, and larger values are read from disk every time
 * @param pageBytes           the log's flush unit, a power of two of at least 64 KiB holding the largest record
 * @param segmentBytes        bytes per log segment file, a power of two of at least 4 pages
 * @param compactLiveFraction a sealed segment with less live data than this fraction is compacted, in [0.2, 0.8]
 * @param inlineSmallValues   whether values of at most 7 bytes live in the index meta word (only without delete)
 * @param maxSessions         session slots, a power of two in [threads, 128]
 */
public record LogDesign(
    LogFacts facts,
    double indexLoadFactor,
    double keyMargin,
    Eviction eviction,
    Admission admission,
    double cacheShare,
    int cacheWays,
    int cacheValueBytes,
    int pageBytes,
    long segmentBytes,
    double compactLiveFraction,
    boolean inlineSmallValues,
    int maxSessions) {

    /** Resident memory a JVM costs on its own (heap in use, code cache, metaspace, threads), kept out of the plan. */
    public static final long JVM_ALLOWANCE_BYTES = 96L << 20;
    /** Record header bytes; records are 16-byte aligned. */
    public static final int RECORD_HEADER_BYTES = 32;
    /** The meta word gives a record 14 bits of 16-byte units. */
    public static final int MAX_RECORD_BYTES = ((1 << 14) - 1) << 4;
    /** Largest value a record can hold. */
    public static final int MAX_VALUE_BYTES = MAX_RECORD_BYTES - RECORD_HEADER_BYTES;
    /** Largest value the meta word holds inline. */
    public static final int MAX_INLINE_BYTES = 7;
    static final int MIN_PAGE_BYTES = 64 << 10;
    static final int SLOT_BYTES = 16;
    static final int CACHE_HEADER_BYTES = 32;
    /** A cache with fewer entries than this is not worth its bookkeeping; its memory goes to the rings. */
    static final long MIN_CACHE_ENTRIES = 1024;
    /** Rings of sessions beyond the card's threads (loaders, verifiers) and of the compactor, in pages. */
    static final int SMALL_RING_PAGES = 2;
    /** Sessions beyond the card's threads that the plan reserves a small ring for, plus the compactor's. */
    static final int SMALL_RINGS = 4;
    static final int STRIPES = 1024;

    /** How the read cache picks a victim within a set. */
    public enum Eviction {
        /** No read cache: every byte after the index goes to the log tails. */
        NONE,
        /** Insertion order: the hand advances regardless of use. */
        FIFO,
        /** Second chance: a hit sets a reference bit that the hand clears once before evicting. */
        CLOCK
    }

    /** Which disk reads enter the read cache. */
    public enum Admission {
        /** Every read from disk. */
        ALWAYS,
        /** Only a key a 4-bit count-min sketch rates more popular than the victim (W-TinyLFU's filter). */
        TINY_LFU
    }

    public LogDesign {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(eviction, "eviction");
        Objects.requireNonNull(admission, "admission");
        if (!(indexLoadFactor >= 0.5 && indexLoadFactor <= 0.9)) {
            throw new IllegalArgumentException("indexLoadFactor must be in [0.5, 0.9], was " + indexLoadFactor);
        }
        if (!(keyMargin >= 1.0 && keyMargin <= 4.0)) {
            throw new IllegalArgumentException("keyMargin must be in [1, 4], was " + keyMargin);
        }
        if (!(cacheShare >= 0 && cacheShare <= 0.9)) {
            throw new IllegalArgumentException("cacheShare must be in [0, 0.9], was " + cacheShare);
        }
        if (cacheWays != 4 && cacheWays != 8 && cacheWays != 16) {
            throw new IllegalArgumentException("cacheWays must be 4, 8 or 16, was " + cacheWays);
        }
        if (cacheValueBytes < smallestCacheBound(facts) || cacheValueBytes > facts.valueSizes().max()) {
            throw new IllegalArgumentException("cacheValueBytes must be within the card's value sizes "
                + facts.valueSizes().min() + ".." + facts.valueSizes().max() + ", was " + cacheValueBytes);
        }
        if (Integer.bitCount(pageBytes) != 1 || pageBytes < MIN_PAGE_BYTES || pageBytes > 1 << 24) {
            throw new IllegalArgumentException("pageBytes must be a power of two in [64 KiB, 16 MiB], was "
                + pageBytes);
        }
        if (Long.bitCount(segmentBytes) != 1 || segmentBytes < 4L * pageBytes || segmentBytes > 1L << 32) {
            throw new IllegalArgumentException("segmentBytes must be a power of two in [4 pages, 4 GiB], was "
                + segmentBytes);
        }
        if (!(compactLiveFraction >= 0.2 && compactLiveFraction <= 0.8)) {
            throw new IllegalArgumentException("compactLiveFraction must be in [0.2, 0.8], was "
                + compactLiveFraction);
        }
        if (Integer.bitCount(maxSessions) != 1 || maxSessions < facts.threads() || maxSessions > 128) {
            throw new IllegalArgumentException("maxSessions must be a power of two in [threads, 128], was "
                + maxSessions);
        }
    }

    /* ---------------------------------------------------------------- rules */

    /**
     * The first design for {@code spec}, by rules over its card fields:
     * <ul>
     *   <li>read cache: none when the mix has no reads, when keys are time-ordered (reads scan a sliding window the
     *       log tail already holds) or uniform (a cache holds only its own share of the data); CLOCK when reads are
     *       at least half of the mix (reads give the signal that ranks keys), FIFO otherwise;</li>
     *   <li>W-TinyLFU admission when accesses are skewed (or a trace) and the cache holds under a tenth of the
     *       keys: a burst of cold reads must not flush the hot set;</li>
     *   <li>cache share: the read share of the mix, at most 0.8: writes need tail, reads need cache;</li>
     *   <li>cached values: up to the largest the card allows, halved while that leaves the cache under
     *       {@value #MIN_CACHE_ENTRIES} entries (wide value ranges: many entries for the smaller values beat a few
     *       for the largest);</li>
     *   <li>page: the largest record rounded up to a power of two, at least 64 KiB, grown to 1 MiB when rings hold
     *       16 pages; segment: a 64th of the data, between 4 pages and 64 MiB, and at least a 1024th of it;</li>
     *   <li>key margin 1.5 for inserts outside a time window (the live set grows), else 1.125;</li>
     *   <li>inline values when the card allows values of at most 7 bytes and has no delete;</li>
     *   <li>sizing: load 0.7, then 0.8, then 0.9; at each, the cache's share shrinks by 0.2 until every worker's log
     *       tail holds two pages; the first design without {@link #problems()} wins.</li>
     * </ul>
     *
     * @throws DesignException when the card is out of the engine's scope or nothing fits, with the figures
     */
    public static LogDesign initial(final Spec spec) {
        return initial(LogFacts.of(spec), spec.name());
    }

    static LogDesign initial(final LogFacts facts, final String where) {
        final String scope = scopeProblem(facts);
        if (scope != null) {
            throw new DesignException(where + ": " + scope);
        }
        // Inserts outside a time window grow the live set; a time window reuses the tombstones its deletes leave.
        final double margin = !facts.timeOrdered() && facts.supports(Operation.INSERT) ? 1.5 : 1.125;
        final Eviction eviction;
        if (facts.readShare() <= 0 || facts.timeOrdered() || facts.skew() == LogFacts.Skew.UNIFORM) {
            eviction = Eviction.NONE;
        } else {
            eviction = facts.readShare() >= 0.5 ? Eviction.CLOCK : Eviction.FIFO;
        }
        final double share = eviction == Eviction.NONE ? 0 : Math.min(0.8, facts.readShare());
        final int maxRecord = recordBytes(facts.valueSizes().max());
        final int page = Math.max(MIN_PAGE_BYTES, Integer.highestOneBit(maxRecord - 1) << 1);
        final boolean inline = facts.valueSizes().min() <= MAX_INLINE_BYTES && !facts.supports(Operation.DELETE);
        final int sessions = Math.max(64, Integer.highestOneBit(Math.max(1, facts.threads()) - 1) << 1);
        LogDesign d = new LogDesign(facts, 0.7, margin, eviction, Admission.ALWAYS, share, 8,
            facts.valueSizes().max(), page, segmentFor(facts, page), 0.5, inline, Math.min(128, sessions));
        if (eviction != Eviction.NONE) {
            d = d.withCacheFitting();
        }
        if (d.cacheEntries() < MIN_CACHE_ENTRIES && eviction != Eviction.NONE) {
            d = d.withEviction(Eviction.NONE);
        }
        if (d.eviction != Eviction.NONE && facts.skew() != LogFacts.Skew.UNIFORM
            && (facts.keyCount() == 0 || d.cacheEntries() * 10 < facts.keyCount())) {
            d = d.withAdmission(Admission.TINY_LFU);
        }
        // Shrink the cache's share before packing the index tighter: tails must hold at least two pages each.
        for (final double load : new double[] {0.7, 0.8, 0.9}) {
            for (double s = d.cacheShare; s >= 0; s = s > 0.2 ? s - 0.2 : s - 1) {
                LogDesign sized = d.withCacheShare(Math.round(s * 100) / 100.0).withIndexLoadFactor(load);
                if (sized.eviction != Eviction.NONE) {
                    sized = sized.withCacheFitting();
                }
                if (sized.problems().isEmpty()) {
                    return sized.growPages();
                }
            }
        }
        throw new DesignException(where + ": " + String.join("; ", d.withIndexLoadFactor(0.9).problems()));
    }

    /** Why the engine cannot serve these facts at all (before any sizing), or null. */
    static String scopeProblem(final LogFacts facts) {
        if (!facts.idKeys()) {
            return "workload.keys.format: the log engine keeps full 8-byte id keys in its index slots; variable-length"
                + " keys are not supported (use format id8)";
        }
        if (facts.durability().level() == Durability.Level.COMMIT) {
            return "requirements.durability: commit (group commit) is not built by the log engine; it offers none "
                + "and checkpoint";
        }
        if (facts.valueSizes().max() > MAX_VALUE_BYTES) {
            return "workload.values: values up to " + facts.valueSizes().max() + " bytes exceed the log engine's "
                + MAX_VALUE_BYTES + "-byte records (14 bits of 16-byte units in the meta word)";
        }
        return null;
    }

    private static long segmentFor(final LogFacts facts, final int page) {
        final long keys = facts.keyCount() > 0 ? facts.keyCount() : 1L << 20;
        final long data = Math.max(1L << 20, keys * (long) recordBytes((int) Math.ceil(facts.valueSizes().mean())));
        long segment = Long.highestOneBit(Math.max(1, data / 64));
        segment = Math.max(segment, 4L * page);
        segment = Math.min(segment, 64L << 20);
        while (segment * 1024 < data && segment < 1L << 32) {
            segment <<= 1;
        }
        return segment;
    }

    /** Grows the page towards 1 MiB while each worker ring still holds 16 pages. */
    private LogDesign growPages() {
        LogDesign d = this;
        while (d.pageBytes < 1 << 20) {
            final int page = d.pageBytes * 2;
            if (d.segmentBytes < 4L * page) {
                break;
            }
            final LogDesign bigger = d.withPageBytes(page);
            if (!bigger.problems().isEmpty() || bigger.mainRingBytes() < 16L * page) {
                break;
            }
            d = bigger;
        }
        return d;
    }

    static int recordBytes(final int valueBytes) {
        return (RECORD_HEADER_BYTES + valueBytes + 15) & -16;
    }

    /* ---------------------------------------------------------------- mutations */

    /**
     * The one-knob mutations that are valid and fit: each other eviction policy, the other admission, cache share
     * +-0.2, cache ways x2 or /2, cached values x2 or /2, load factor +-0.1, page x2 or /2, segment x2 or /2,
     * compaction threshold +-0.15.
     */
    public List<LogDesign> neighbours() {
        final Set<LogDesign> out = new LinkedHashSet<>();
        for (final Eviction e : Eviction.values()) {
            if (e != eviction) {
                final double share = e == Eviction.NONE ? 0 : cacheShare > 0 ? cacheShare : 0.4;
                final LogDesign switched = withEviction(e).withCacheShare(share);
                out.add(e == Eviction.NONE ? switched : switched.withCacheFitting());
            }
        }
        if (eviction != Eviction.NONE) {
            out.add(withAdmission(admission == Admission.ALWAYS ? Admission.TINY_LFU : Admission.ALWAYS));
            for (final double delta : new double[] {-0.2, 0.2}) {
                final double share = Math.round((cacheShare + delta) * 100) / 100.0;
                if (share >= 0.1 && share <= 0.9) {
                    out.add(withCacheShare(share));
                }
            }
            if (cacheWays < 16) {
                out.add(withCacheWays(cacheWays * 2));
            }
            if (cacheWays > 4) {
                out.add(withCacheWays(cacheWays / 2));
            }
            if (cacheValueBytes < facts.valueSizes().max()) {
                out.add(withCacheValueBytes((int) Math.min(facts.valueSizes().max(), 2L * cacheValueBytes)));
            }
            if (cacheValueBytes / 2 >= smallestCacheBound(facts)) {
                final LogDesign halved = withCacheValueBytes(cacheValueBytes / 2);
                if (halved.cacheEntries() > cacheEntries()) {
                    out.add(halved);
                }
            }
        }
        for (final int step : new int[] {-10, 10}) {
            // The load only sizes the index, and a power-of-two index often rounds two loads to the same store:
            // step on to the first load that changes the table. In hundredths, so the steps land on exact loads.
            for (long load = Math.round(indexLoadFactor * 100) + step; load >= 50 && load <= 90; load += step) {
                final LogDesign d = withIndexLoadFactor(load / 100.0);
                if (d.indexSlots() != indexSlots() || d.keyCapacity() != keyCapacity()
                    || d.maxClaimedSlots() != maxClaimedSlots()) {
                    out.add(d);
                    break;
                }
            }
        }
        for (final double delta : new double[] {-0.15, 0.15}) {
            final double threshold = Math.round((compactLiveFraction + delta) * 100) / 100.0;
            if (threshold >= 0.2 && threshold <= 0.8) {
                out.add(withCompactLiveFraction(threshold));
            }
        }
        if (pageBytes < 1 << 24 && segmentBytes >= 8L * pageBytes) {
            out.add(withPageBytes(pageBytes * 2));
        }
        if (pageBytes / 2 >= Math.max(MIN_PAGE_BYTES, maxRecordBytes())) {
            out.add(withPageBytes(pageBytes / 2));
        }
        if (segmentBytes < 1L << 32) {
            out.add(withSegmentBytes(segmentBytes * 2));
        }
        if (segmentBytes / 2 >= 4L * pageBytes) {
            out.add(withSegmentBytes(segmentBytes / 2));
        }
        out.remove(this);
        final List<LogDesign> fitting = new ArrayList<>();
        for (final LogDesign d : out) {
            if (d.problems().isEmpty()) {
                fitting.add(d);
            }
        }
        return fitting;
    }

    public LogDesign withIndexLoadFactor(final double v) {
        return new LogDesign(facts, v, keyMargin, eviction, admission, cacheShare, cacheWays, cacheValueBytes,
            pageBytes, segmentBytes, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withKeyMargin(final double v) {
        return new LogDesign(facts, indexLoadFactor, v, eviction, admission, cacheShare, cacheWays, cacheValueBytes,
            pageBytes, segmentBytes, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withEviction(final Eviction v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, v, v == Eviction.NONE ? Admission.ALWAYS : admission,
            v == Eviction.NONE ? 0 : cacheShare, cacheWays, cacheValueBytes, pageBytes, segmentBytes,
            compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withAdmission(final Admission v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, eviction, v, cacheShare, cacheWays, cacheValueBytes,
            pageBytes, segmentBytes, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withCacheShare(final double v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, eviction, admission, v, cacheWays, cacheValueBytes,
            pageBytes, segmentBytes, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withCacheWays(final int v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, eviction, admission, cacheShare, v, cacheValueBytes,
            pageBytes, segmentBytes, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withCacheValueBytes(final int v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, eviction, admission, cacheShare, cacheWays, v,
            pageBytes, segmentBytes, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    /**
     * This design with its cached-value bound halved until the cache holds {@value #MIN_CACHE_ENTRIES} entries, or
     * down to the smallest value the card allows: with a wide value range, entries sized for the largest value leave
     * too few of them (a 128-KiB bound gave 70 MiB of cache 560 entries, so none was built).
     */
    LogDesign withCacheFitting() {
        LogDesign d = this;
        while (d.cacheEntries() < MIN_CACHE_ENTRIES && d.cacheValueBytes / 2 >= smallestCacheBound(facts)) {
            d = d.withCacheValueBytes(d.cacheValueBytes / 2);
        }
        return d;
    }

    public LogDesign withPageBytes(final int v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, eviction, admission, cacheShare, cacheWays,
            cacheValueBytes, v, segmentBytes, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withSegmentBytes(final long v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, eviction, admission, cacheShare, cacheWays,
            cacheValueBytes, pageBytes, v, compactLiveFraction, inlineSmallValues, maxSessions);
    }

    public LogDesign withCompactLiveFraction(final double v) {
        return new LogDesign(facts, indexLoadFactor, keyMargin, eviction, admission, cacheShare, cacheWays,
            cacheValueBytes, pageBytes, segmentBytes, v, inlineSmallValues, maxSessions);
    }

    /* ---------------------------------------------------------------- derived plan */

    /** Bytes the store's own structures may take: usable less the JVM allowance. */
    public long storeBytes() {
        return facts.usableBytes() - JVM_ALLOWANCE_BYTES;
    }

    /** Keys the index holds: the card's count times the margin, or what an eighth of memory indexes if unknown. */
    public long keyCapacity() {
        if (facts.keyCount() > 0) {
            return (long) Math.ceil(facts.keyCount() * keyMargin);
        }
        final long slots = Long.highestOneBit(Math.max(1024, storeBytes() / 8 / SLOT_BYTES));
        return (long) (slots * indexLoadFactor);
    }

    /** Index slots: a power of two at or above capacity / load. */
    public long indexSlots() {
        final long needed = (long) Math.ceil(keyCapacity() / indexLoadFactor);
        return Math.max(1024, Long.highestOneBit(Math.max(1, needed - 1)) << 1);
    }

    /** Slots that may ever be claimed: the capacity, bounded below the slot count so probes always end. */
    public long maxClaimedSlots() {
        return Math.min(indexSlots() - indexSlots() / 16, Math.max(keyCapacity(), (long) (indexSlots() * 0.9)));
    }

    public long indexBytes() {
        return indexSlots() * SLOT_BYTES;
    }

    public int maxRecordBytes() {
        return recordBytes(facts.valueSizes().max());
    }

    /** Whether values of at most 7 bytes are stored in the meta word. */
    public boolean inlines() {
        return inlineSmallValues && facts.valueSizes().min() <= MAX_INLINE_BYTES && !facts.supports(Operation.DELETE);
    }

    /** Per-session buffers, the compactor's page, stripe locks: what the plan holds besides index, cache, rings. */
    public long overheadBytes() {
        final long perSession = 2L * maxRecordBytes() + 3 * 4096 + facts.valueSizes().max();
        return (facts.threads() + SMALL_RINGS) * perSession + pageBytes + 4L * STRIPES + 64L * 1024;
    }

    long afterIndex() {
        return storeBytes() - indexBytes() - overheadBytes();
    }

    /**
     * The smallest bound on cached values: the card's smallest value, and at least one byte. Static: the compact
     * constructor calls it before the record's fields are assigned.
     */
    private static int smallestCacheBound(final LogFacts facts) {
        return Math.max(1, facts.valueSizes().min());
    }

    public int cacheEntryBytes() {
        return (CACHE_HEADER_BYTES + cacheValueBytes + 15) & -16;
    }

    /**
     * The ring of each of the card's worker sessions, a power of two (ring positions are offsets under a mask): the
     * memory after the index, less the cache's share, split among the workers and rounded down; 0 when nothing is
     * left. The rounding's remainder goes to the cache when there is one.
     */
    public long mainRingBytes() {
        final double ringShare = eviction == Eviction.NONE ? 1 : 1 - cacheShare;
        final long left = (long) (afterIndex() * ringShare) - SMALL_RINGS * smallRingBytes();
        if (left <= 0) {
            return 0;
        }
        final long each = left / facts.threads();
        return each < 1 ? 0 : Long.highestOneBit(each);
    }

    /** Cache sets, any count (a set is picked by fastrange): everything the rings leave; 0 without a cache. */
    public int cacheSets() {
        if (eviction == Eviction.NONE) {
            return 0;
        }
        final long left = afterIndex() - (long) facts.threads() * mainRingBytes() - SMALL_RINGS * smallRingBytes();
        // Per entry: its bytes, a reference bit, and about a sketch counter (half a byte); plus a hand per set.
        final long sets = left / ((long) cacheWays * (cacheEntryBytes() + 2) + 1);
        return sets < 1 ? 0 : (int) Math.min(1 << 30, sets);
    }

    public long cacheEntries() {
        return (long) cacheSets() * cacheWays;
    }

    /** Whether the generated store has a read cache. */
    public boolean cached() {
        return cacheSets() > 0 && cacheEntries() >= MIN_CACHE_ENTRIES;
    }

    /** Bytes of the read cache: entries, reference bits and hands, the frequency sketch. */
    public long cacheBytes() {
        return cached() ? cacheEntries() * (cacheEntryBytes() + 1) + cacheSets() + 8L * sketchLongs() : 0;
    }

    /** Longs of the W-TinyLFU sketch, a power of two: 16 counters per long, about two counters per entry. */
    public int sketchLongs() {
        return (int) Math.max(16, Long.highestOneBit(Math.max(1, cacheEntries() / 8)));
    }

    public long smallRingBytes() {
        return (long) SMALL_RING_PAGES * pageBytes;
    }

    /** Everything the store allocates, as planned. */
    public long plannedBytes() {
        return indexBytes() + cacheBytes() + (long) facts.threads() * mainRingBytes() + SMALL_RINGS * smallRingBytes()
            + overheadBytes();
    }

    /** Bytes of records if every key is live once: the key count (else the index capacity) times the mean record. */
    public long dataBytes() {
        final long keys = facts.keyCount() > 0 ? facts.keyCount() : keyCapacity();
        return keys * (long) recordBytes((int) Math.ceil(facts.valueSizes().mean()));
    }

    /** Whether the data exceeds what the rings and the cache hold: this store spills to disk. */
    public boolean spills() {
        return dataBytes() > (long) facts.threads() * mainRingBytes() + cacheBytes();
    }

    /** Disk allowed beyond live / threshold before writers wait for compaction. */
    public long diskSlackBytes() {
        return (facts.threads() + 3L) * 2 * segmentBytes;
    }

    /** Why this design cannot be generated, or an empty list. */
    public List<String> problems() {
        final List<String> out = new ArrayList<>();
        final String scope = scopeProblem(facts);
        if (scope != null) {
            out.add(scope);
        }
        if (pageBytes < maxRecordBytes()) {
            out.add("page of " + pageBytes + " bytes is under the largest record (" + maxRecordBytes() + ")");
        }
        if (mainRingBytes() < 2L * pageBytes) {
            out.add(String.format(Locale.ROOT, "memory does not fit: usable %s less the %s JVM allowance leaves %s;"
                    + " index %s (%,d slots) + cache %s + overhead %s leave %s for %d log tails of at least two %s"
                    + " pages; raise environment.memory_budget or lower workload.keys",
                bytes(facts.usableBytes()), bytes(JVM_ALLOWANCE_BYTES), bytes(storeBytes()), bytes(indexBytes()),
                indexSlots(), bytes(cacheBytes()), bytes(overheadBytes()),
                bytes(Math.max(0, afterIndex() - cacheBytes())), facts.threads(), bytes(pageBytes)));
        }
        if (segmentBytes * 1024 < dataBytes()) {
            out.add("segments of " + segmentBytes + " bytes: the data needs more than 1024 per log");
        }
        return out;
    }

    /** The techniques this design composes. */
    public Set<LogTechnique> techniques() {
        final EnumSet<LogTechnique> t = EnumSet.of(LogTechnique.OFF_HEAP_OPEN_ADDRESSING, LogTechnique.FULL_KEY_SLOTS,
            LogTechnique.FMIX64_HASH, LogTechnique.UNIQUE_META_CAS, LogTechnique.SESSION_LOGS,
            LogTechnique.HYBRID_LOG_TAIL, LogTechnique.DIRECT_IO_SPILL, LogTechnique.LIVE_FRACTION_COMPACTION,
            LogTechnique.DISK_BACKPRESSURE);
        if (cached()) {
            t.add(LogTechnique.ADDRESS_KEYED_READ_CACHE);
            t.add(eviction == Eviction.CLOCK ? LogTechnique.CLOCK_EVICTION : LogTechnique.FIFO_EVICTION);
            if (admission == Admission.TINY_LFU) {
                t.add(LogTechnique.W_TINYLFU_ADMISSION);
            }
        }
        if (inlines()) {
            t.add(LogTechnique.INLINE_META_VALUES);
        }
        if (facts.supports(Operation.DELETE)) {
            t.add(LogTechnique.TOMBSTONE_REUSE);
        }
        if (facts.supports(Operation.RMW)) {
            t.add(LogTechnique.CAS_RMW);
        }
        if (facts.durability().isDurable()) {
            t.add(LogTechnique.CPR_INDEX_CHECKPOINT);
        }
        return t;
    }

    /** One line: the layout, the sizes and the plan against the budget. */
    public String describe() {
        final String cache = cached() ? String.format(Locale.ROOT, "%s cache %s (%,d x %d B, %d-way%s%s)",
            eviction.name().toLowerCase(Locale.ROOT), bytes(cacheBytes()), cacheEntries(), cacheEntryBytes(), cacheWays,
            admission == Admission.TINY_LFU ? ", W-TinyLFU admission" : "",
            cacheValueBytes < facts.valueSizes().max() ? ", values <= " + cacheValueBytes + " B" : "")
            : "no read cache";
        return String.format(Locale.ROOT,
            "index %,d slots (%s, load %.2f at %,d keys); %d session logs, tail %s each, %s pages, %s segments, O_DIRECT;"
                + " %s; compact below %.2f live%s; checkpoint %s; plan %s of %s usable less %s JVM",
            indexSlots(), bytes(indexBytes()), keyCapacity() / (double) indexSlots(), keyCapacity(), facts.threads(),
            bytes(mainRingBytes()), bytes(pageBytes), bytes(segmentBytes), cache, compactLiveFraction,
            inlines() ? "; values <= 7 B inline" : "",
            facts.durability().isDurable() ? "cpr-index" : "none", bytes(plannedBytes()), bytes(facts.usableBytes()),
            bytes(JVM_ALLOWANCE_BYTES));
    }

    /** A short feature code for store names, e.g. {@code l70-clk-tlfu-p1m}. */
    public String code() {
        return String.format(Locale.ROOT, "l%02d-%s%s%s-p%dk-s%dm%s", Math.round(indexLoadFactor * 100),
            switch (eviction) {
                case NONE -> "nc";
                case FIFO -> "ff";
                case CLOCK -> "ck";
            },
            admission == Admission.TINY_LFU && eviction != Eviction.NONE ? "-lfu" : "",
            eviction != Eviction.NONE && cacheValueBytes < facts.valueSizes().max() ? "-v" + cacheValueBytes : "",
            pageBytes >> 10,
            Math.max(1, segmentBytes >> 20), facts.durability().isDurable() ? "-cp" : "");
    }

    static String bytes(final long n) {
        if (Math.abs(n) >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30));
        }
        if (Math.abs(n) >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
}
