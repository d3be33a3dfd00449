package io.jitskit.engine.memory;

import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import java.time.Duration;

/**
 * The in-tree default configuration the components and the store are unit-tested against: a hybrid design (values of
 * 1..300 bytes, up to 40 inline, larger ones in geometric slab classes), fixed 8-byte keys, a power-of-two index of
 * 131,072 slots in two shards (the contract tests' 100,000 keys), every operation, commit durability with per-session
 * logs.
 *
 * <p>It is never shipped: the generator writes a class of this name with the same fields, every one a compile-time
 * constant, for each design, and compiles the components against it (see {@code io.jitskit.engine}). javac inlines
 * the constants and drops the branches they rule out, so a store carries only its own paths.
 */
final class StoreConfig {

    /** The store's name, for thread names and messages. */
    static final String STORE_NAME = "jit-default";
    /** The card the store was generated for. */
    static final String SPEC_NAME = "default";
    /** The design, one line (the store's info and manifest repeat it). */
    static final String DESIGN = "in-tree default: hybrid 40 B inline + geometric slab; 2 shards; pow2; commit";

    /* ---- the card: what the provider accepts, in figures and in words ---- */

    /** Value sizes the store serves; a card allowing others needs a regenerated store. */
    static final SizeDistribution VALUE_SIZES = new SizeDistribution.Uniform(1, 300);
    static final String VALUE_SIZES_TEXT = "uniform 1..300 B";
    /** Smallest and largest allowed value size: a value of another length is refused. */
    static final int VALUE_SIZE_MIN = 1;
    static final int VALUE_SIZE_MAX = 300;
    /** Only the two sizes {@link #VALUE_SIZE_MIN} and {@link #VALUE_SIZE_MAX} are allowed (bimodal values). */
    static final boolean VALUE_SIZES_TWO_POINT = false;
    /** Variable-length keys' allowed lengths; {@code null} with 8-byte id keys. */
    static final SizeDistribution KEY_SIZES = null;
    static final String KEY_SIZES_TEXT = "8-byte ids";
    static final int KEY_SIZE_MIN = 8;
    static final int KEY_SIZE_MAX = 8;
    static final boolean KEY_SIZES_TWO_POINT = false;
    /** The operations, in card words, for messages. */
    static final String OPERATIONS_TEXT = "[read, upsert, rmw, delete, insert]";
    static final Durability DURABILITY = Durability.commit(Duration.ofNanos(5000000L));
    /** Keys the card loads ({@code workload.keys}). */
    static final long KEY_COUNT = 100000L;
    /** Keys the index was sized for, with margin: a card with more needs a regenerated store. */
    static final long KEY_CAPACITY = 100000L;
    /** Bytes of the index (every shard). */
    static final long TABLE_BYTES = 8388608L;
    /** Expected slab bytes per key, size classes and allocator slack included; 0 without a slab. */
    static final double SLAB_BYTES_PER_KEY = 230.000;

    /* ---- sessions and claims ---- */

    /** Session ids are in [0, MAX_SESSIONS). */
    static final int MAX_SESSIONS = 64;
    /** Stripe locks serializing claims of new slots per key hash, a power of two. */
    static final int CLAIM_STRIPES = 1024;
    /** EMPTY-slot claims a session reserves from its shard's counter at a time. */
    static final long EMPTY_BATCH = 64L;

    /* ---- values: where they live ---- */

    /** Every allowed value size fits in the slot. */
    static final boolean ALL_INLINE = false;
    /** Some sizes fit in the slot, the others go to the slab. */
    static final boolean SOME_INLINE = true;
    /** Some value lives in the slab: {@code !ALL_INLINE}. */
    static final boolean SLAB = true;
    /** Keys are variable-length byte strings: the slot keeps a tag, the key bytes lead the value's chunk. */
    static final boolean VARIABLE_KEYS = false;

    /* ---- index ---- */

    static final int SLOT_BYTES = 64;
    static final int SLOTS_PER_GROUP = 1;
    static final int GROUP_BYTES = 64;
    static final long GROUPS_PER_SHARD = 65536L;
    /** Home slots are the hash's top bits (a power-of-two slot count), else fastrange over any count. */
    static final boolean POWER_OF_TWO_INDEX = true;
    /** log2 of the slots per shard; meaningful with {@link #POWER_OF_TWO_INDEX}. */
    static final int SLOT_BITS = 16;
    static final int SHARDS = 2;
    static final boolean SHARDED = true;
    static final long MAX_USED_SLOTS_PER_SHARD = 58982L;
    static final int INLINE_BYTES = 40;
    static final boolean HUGE_PAGES = false;

    /* ---- value slab ---- */

    /** log2 of a slab page's bytes. */
    static final int SLAB_PAGE_SHIFT = 20;
    /** Bytes a session carves from a page at a time. */
    static final long SLAB_TLAB_BYTES = 65536L;
    /** Number of size classes. */
    static final int SLAB_CLASSES = 7;
    /** Classes are two per power of two from 2^{@link #SLAB_CLASS_BASE}. */
    static final boolean SLAB_CLASSES_GEOMETRIC = true;
    /** Classes are {@code 1 << SLAB_GRANULE_SHIFT} bytes wide above {@link #SLAB_CLASS_BASE}. */
    static final boolean SLAB_CLASSES_LINEAR = false;
    /** Linear: sizes above it go to the slab; geometric: the exponent of class 0. */
    static final int SLAB_CLASS_BASE = 5;
    static final int SLAB_GRANULE_SHIFT = 0;
    /** Exact classes: the size class 0 holds (a second class, if any, holds the other size). */
    static final int SLAB_EXACT_FIRST_SIZE = 0;

    /** Chunk bytes per class, multiples of 8; a fresh array per call, so no store can change another's table. */
    static int[] slabChunkBytes() {
        return new int[] {48, 64, 96, 128, 192, 256, 384};
    }

    /* ---- operations and durability ---- */

    static final boolean RMW = true;
    static final boolean DELETE = true;
    static final boolean INSERT = true;
    /** Checkpoints (or commit logs with checkpoints) persist the store. */
    static final boolean DURABLE = true;
    /** Checkpoints copy the table to a shadow inside the pause and write it after. */
    static final boolean SHADOW_CHECKPOINT = false;
    /** Every operation is logged per session and group-committed. */
    static final boolean COMMIT_LOG = true;
    /** Sessions stop at operation boundaries for checkpoints or compactions. */
    static final boolean QUIESCE = true;
    /** Bytes of one session's commit-log ring, a power of two. */
    static final int LOG_RING_BYTES = 1 << 16;

    private StoreConfig() {
    }
}
