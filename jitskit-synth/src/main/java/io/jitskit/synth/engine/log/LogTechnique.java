package io.jitskit.synth.engine.log;

import io.jitskit.synth.engine.Technique;
import java.util.Optional;

/**
 * The techniques the larger-than-memory coder emits, each with the rationale the design essay prints. Where the
 * in-memory engine's {@link Technique} catalog has the same idea, {@link #catalogEntry()} names it, so a planner
 * sees one design space.
 */
public enum LogTechnique {

    OFF_HEAP_OPEN_ADDRESSING(
        "flat off-heap index of 16-byte slots probed linearly, sized once from the key count: four slots per cache"
            + " line, no pointers, no resize, and it is written as one block at a checkpoint",
        Technique.OPEN_ADDRESSING_GROUPS),
    FULL_KEY_SLOTS(
        "the full 8-byte key sits in the slot and every hit compares it; nothing commits on a truncated hash"
            + " (gallery I.1)",
        Technique.FULL_KEY_IN_SLOT),
    FMIX64_HASH(
        "murmur3 fmix64 of the seeded key picks the home slot: keys are scattered ids from a secret permutation, so"
            + " density is never assumed (gallery II.1)",
        Technique.FMIX64_HASH),
    UNIQUE_META_CAS(
        "the 8-byte meta word is the only contended word and changes by CAS; every LOG and tombstone meta is unique"
            + " for the store's life (log offsets only grow), so no CAS suffers ABA and no reader needs a lock",
        Technique.SEQLOCK_SLOTS),
    INLINE_META_VALUES(
        "values of at most 7 bytes live in the meta word itself: one atomic write, no log record (only without"
            + " delete, where a slot's key can never change and repeated inline metas are harmless)",
        Technique.INLINE_VALUES),
    SESSION_LOGS(
        "each session appends to its own log: no shared tail, no contended counter on the write path",
        Technique.SESSION_APPEND_LOGS),
    HYBRID_LOG_TAIL(
        "the newest pages of each log stay in an in-memory ring that readers of any thread copy from, validated"
            + " seqlock-style against the ring's low-water mark; older records are one pread away",
        Technique.HYBRID_LOG_TAIL),
    DIRECT_IO_SPILL(
        "log files are read and written with O_DIRECT in block-aligned pages, so they never sit in the page cache"
            + " the budget charges; where the file system refuses O_DIRECT, sync_file_range + posix_fadvise(DONTNEED)"
            + " drop every page after use (paper, appendix A, V.1)",
        null),
    ADDRESS_KEYED_READ_CACHE(
        "a set-associative cache of records read from disk, keyed by the record's meta word: an address names one"
            + " record forever, so entries are never stale and writers never invalidate",
        null),
    CLOCK_EVICTION(
        "second chance within a cache set: a hit sets a reference bit that the hand clears once before evicting,"
            + " so keys that reads keep touching survive",
        Technique.CLOCK_EVICTION),
    FIFO_EVICTION(
        "insertion-order eviction within a cache set when reads are too rare to rank keys",
        Technique.FIFO_EVICTION),
    W_TINYLFU_ADMISSION(
        "a 4-bit count-min sketch of key frequencies admits a disk read into the cache only if it beats the victim:"
            + " cold-tail reads cannot flush the hot set",
        Technique.W_TINYLFU_ADMISSION),
    TOMBSTONE_REUSE(
        "a delete leaves a unique tombstone that keeps the key for probe chains; a new key takes over the first"
            + " tombstone on its chain under its stripe lock, so a time window of inserts and deletes never fills"
            + " the index",
        Technique.TOMBSTONE_REUSE),
    CAS_RMW(
        "add-u64 reads the current value, appends value + delta, and installs it with a CAS from the meta it read:"
            + " a lost race recomputes, no update is lost",
        Technique.CAS_RMW),
    LIVE_FRACTION_COMPACTION(
        "a compactor copies the live records of the sealed segment with the least live data into its own log and"
            + " moves each index meta with a CAS from exactly the old address, then deletes the segment after a"
            + " grace period: space is reclaimed, never overwritten",
        null),
    DISK_BACKPRESSURE(
        "a writer about to open a segment while the disk exceeds live / threshold x 1.5 plus slack waits, at a safe"
            + " point, for the compactor (bounded, then goes on): the disk stays bounded and the run never aborts",
        null),
    CPR_INDEX_CHECKPOINT(
        "a checkpoint quiesces sessions at an operation boundary, records their serials, flushes and datasyncs each"
            + " log to its tail, writes the index with O_DIRECT and switches a manifest atomically; recovery reads"
            + " the index and cuts each log at its recorded tail, so it restores exactly the reported prefixes",
        Technique.QUIESCE_CHECKPOINT);

    private final String rationale;
    private final Technique catalogEntry;

    LogTechnique(final String rationale, final Technique catalogEntry) {
        this.rationale = rationale;
        this.catalogEntry = catalogEntry;
    }

    /** Why the technique helps, in a sentence. */
    public String rationale() {
        return rationale;
    }

    /** The same idea in the in-memory engine's catalog, if it has one. */
    public Optional<Technique> catalogEntry() {
        return Optional.ofNullable(catalogEntry);
    }
}
