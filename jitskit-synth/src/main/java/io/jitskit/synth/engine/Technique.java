package io.jitskit.synth.engine;

import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.Spec;
import java.util.function.Predicate;

/**
 * The catalog of known techniques the planner composes and the coder emits. Each entry carries a one-line rationale
 * and the card conditions under which it applies; {@link #appliesTo(Spec)} evaluates those conditions on a spec, so a
 * planner can explain why a technique is on the table and a reviewer can check that it was not chosen by spec name.
 *
 * <p>Entries marked not {@link #emittedInMemory() emitted} by the in-memory coder belong to the larger-than-memory
 * engine; they are listed so the planner sees the whole design space, and {@link StoreSourceGenerator} refuses a
 * design that names them.
 */
public enum Technique {

    OPEN_ADDRESSING_GROUPS(
        "flat open-addressing index of cache-line slot groups with linear probing: one or two line fills per lookup,"
            + " no pointers to chase, no resize machinery when the key count is known at init",
        "a known key count (a trace card's comes from its trace)",
        spec -> spec.workload().keyCount() > 0,
        true),

    FMIX64_HASH(
        "murmur3 fmix64 of the full 64-bit key: keys are scattered ids from a secret permutation, so home groups must"
            + " come from a strong mixer, never from key density",
        "always (keys are never assumed dense)",
        spec -> true,
        true),

    POWER_OF_TWO_GROUPS(
        "slot count a power of two: the home slot is a shift of the hash, the wrap a compare",
        "when rounding the table up to a power of two still fits the usable budget",
        spec -> true,
        true),

    FASTRANGE_GROUPS(
        "any slot count, home slot = (hash32 * slots) >>> 32 (Lemire's fastrange): sizes the table to the budget"
            + " exactly instead of doubling it",
        "when a power-of-two table would not fit the usable budget",
        spec -> true,
        true),

    FULL_KEY_IN_SLOT(
        "the full 8-byte key is stored and compared in the slot; a hit never commits on a truncated hash (gallery I.1)",
        "key format id8",
        spec -> spec.workload().keyFormat() instanceof KeyFormat.Id8,
        true),

    KEY_TAG_AND_FULL_KEY_IN_CHUNK(
        "variable-length keys: the slot holds a 64-bit tag (48 hash bits and the key's length) and a hit is confirmed"
            + " by comparing every key byte, stored in front of the value in its slab chunk; equal tags cost a compare,"
            + " never a wrong answer",
        "variable-length keys with durability none or checkpoint",
        spec -> spec.workload().keyFormat() instanceof KeyFormat.Variable
            && spec.requirements().durability().level() != Durability.Level.COMMIT,
        true),

    INLINE_VALUES(
        "values up to the slot's inline capacity live in the slot next to the key: a read is one seqlock-validated"
            + " copy from the line(s) the probe already fetched, and an overwrite needs no allocator",
        "value sizes small enough that slots of header + value still fit the usable budget",
        spec -> spec.workload().valueSizes().min() <= Design.MAX_INLINE_BYTES,
        true),

    SLAB_VALUES(
        "values too large to inline live in off-heap slab chunks of a few size classes, allocated by per-thread bump"
            + " pointers and recycled through per-thread free lists",
        "some allowed value size exceeds the chosen inline capacity",
        spec -> spec.workload().valueSizes().max() > 16,
        true),

    IN_PLACE_SAME_CLASS_OVERWRITE(
        "an overwrite whose size stays in the old chunk's size class writes in place under the slot's seqlock; the"
            + " version advances on every mutation, so readers retry instead of accepting torn bytes (gallery I.3)",
        "slab values with more than one write per key",
        spec -> spec.requirements().supports(Operation.UPSERT) || spec.requirements().supports(Operation.RMW),
        true),

    SHARDED_TABLE(
        "the index split into independently allocated shards selected by hash bits: bounded single allocations and"
            + " shard-parallel checkpoint walks",
        "large tables or many threads; a planner knob, 1 shard needs no indirection",
        spec -> true,
        true),

    HUGE_PAGE_TABLE(
        "the table is an anonymous mapping advised MADV_HUGEPAGE before first touch: a random probe into a table"
            + " far beyond the TLB's 4 KiB reach stops paying a page walk (two-dimensional under a hypervisor), and the"
            + " kernel's zero pages replace a zeroing pass",
        "tables of tens of MiB and more (a planner knob: on from 64 MiB); falls back to 4 KiB pages where refused",
        spec -> true,
        true),

    SEQLOCK_SLOTS(
        "a per-slot version word is the seqlock: readers copy optimistically and validate, writers CAS the word odd"
            + " and release it with the version advanced",
        "per-key linearizable reads with no torn values, readers must not block",
        spec -> true,
        true),

    CAS_RMW(
        "add-u64 read-modify-write under the slot's CAS-acquired seqlock: exact under contention, no lost updates",
        "rmw in the required operations",
        spec -> spec.requirements().supports(Operation.RMW),
        true),

    TOMBSTONE_REUSE(
        "delete leaves a tombstone that keeps its key so probe chains stay intact; re-insert revives it, and a new key"
            + " may take over a tombstone under a per-key-hash stripe lock so no key ever holds two slots",
        "delete in the required operations",
        spec -> spec.requirements().supports(Operation.DELETE),
        true),

    QUIESCE_CHECKPOINT(
        "CPR checkpoint by a brief quiesce at operation boundaries: each session publishes its serial, the table is"
            + " captured, the snapshot and a manifest are fsynced and switched atomically, the old snapshot deleted",
        "durability checkpoint or commit",
        spec -> spec.requirements().durability().isDurable(),
        true),

    SHADOW_COPY_CHECKPOINT(
        "under the quiesce the table and slabs are copied to a second off-heap buffer (a memcpy), writers resume,"
            + " and the snapshot is written from the copy: the pause is a memory copy, not a disk write",
        "durable, and twice the store's memory fits the usable budget",
        spec -> spec.requirements().durability().isDurable(),
        true),

    SESSION_APPEND_LOGS(
        "each session appends its mutations (upserts with per-key versions, rmw deltas, deletes) to its own ring; a"
            + " flusher writes and fsyncs every half interval; recovery replays snapshot + logs by per-key version",
        "durability commit",
        spec -> spec.requirements().durability().level() == Durability.Level.COMMIT,
        true),

    LOG_TRUNCATION(
        "a checkpoint rotates every session log to a new epoch file and deletes the epochs the snapshot subsumes, so"
            + " log space is reclaimed instead of growing without bound",
        "session append logs",
        spec -> spec.requirements().durability().level() == Durability.Level.COMMIT,
        true),

    HYBRID_LOG_TAIL(
        "a HybridLog-style record log whose mutable tail is in memory and whose cold prefix spills to storage",
        "the data does not fit the usable budget (larger-than-memory engine)",
        spec -> true,
        false),

    CLOCK_EVICTION(
        "second-chance eviction: every access sets a reference bit so hot keys survive the sweep",
        "larger than memory with a read signal in the mix",
        spec -> spec.workload().mix().of(Operation.READ) > 0,
        false),

    FIFO_EVICTION(
        "HybridLog-order eviction when there is no read signal to rank keys by",
        "larger than memory, write-only or nearly so",
        spec -> true,
        false),

    W_TINYLFU_ADMISSION(
        "frequency-sketch admission so rare cold-tail writes cannot displace hot keys",
        "larger than memory with a skewed key distribution",
        spec -> true,
        false);

    private final String rationale;
    private final String appliesWhen;
    private final Predicate<Spec> condition;
    private final boolean emittedInMemory;

    Technique(final String rationale, final String appliesWhen, final Predicate<Spec> condition,
              final boolean emittedInMemory) {
        this.rationale = rationale;
        this.appliesWhen = appliesWhen;
        this.condition = condition;
        this.emittedInMemory = emittedInMemory;
    }

    /** Why the technique helps, in one line. */
    public String rationale() {
        return rationale;
    }

    /** The card conditions under which it applies, in words. */
    public String appliesWhen() {
        return appliesWhen;
    }

    /** Whether the card fields of {@code spec} meet the technique's preconditions (a necessary condition only). */
    public boolean appliesTo(final Spec spec) {
        return condition.test(spec);
    }

    /** Whether the in-memory coder can emit this technique. */
    public boolean emittedInMemory() {
        return emittedInMemory;
    }
}
