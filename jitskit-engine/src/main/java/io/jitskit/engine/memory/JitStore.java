package io.jitskit.engine.memory;

import static io.jitskit.engine.memory.SlotLayout.KEY_OFFSET;
import static io.jitskit.engine.memory.SlotLayout.LIVE;
import static io.jitskit.engine.memory.SlotLayout.MAX_USED_SLOTS_PER_SHARD;
import static io.jitskit.engine.memory.SlotLayout.PAYLOAD_OFFSET;
import static io.jitskit.engine.memory.SlotLayout.SHARDS;
import static io.jitskit.engine.memory.SlotLayout.SLOTS_PER_SHARD;
import static io.jitskit.engine.memory.SlotLayout.SLOT_BYTES;
import static io.jitskit.engine.memory.SlotLayout.lengthOf;
import static io.jitskit.engine.memory.SlotLayout.meta;
import static io.jitskit.engine.memory.SlotLayout.stateOf;
import static io.jitskit.engine.memory.SlotLayout.versionOf;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.StoreMetrics;
import io.jitskit.engine.runtime.HugePages;
import io.jitskit.spec.Durability;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory engine's store: the index of seqlocked slots (see {@link SlotLayout}), claims of new slots, the CPR
 * checkpoint and recovery, index compaction and metrics. {@link JitSession} holds the operations. Every design choice
 * is a {@code StoreConfig} constant; a generated store's config opens with the design essay that says what was chosen
 * and why.
 */
final class JitStore implements Store {

    static final String NAME = StoreConfig.STORE_NAME;
    /** The design this store was generated from, one line. */
    static final String DESIGN = StoreConfig.DESIGN;
    static final Durability DURABILITY = StoreConfig.DURABILITY;

    /** Session ids are in [0, MAX_SESSIONS). */
    static final int MAX_SESSIONS = StoreConfig.MAX_SESSIONS;
    static final int CLAIM_STRIPES = StoreConfig.CLAIM_STRIPES;
    /** EMPTY-slot claims a session reserves from its shard's counter at a time, so claims rarely share a line. */
    static final long EMPTY_BATCH = StoreConfig.EMPTY_BATCH;

    /* Control blocks: the layout is SessionControl's; short names for the store's and session's code. */
    static final long CTL_STRIDE = SessionControl.STRIDE;
    static final long CTL_STATE = SessionControl.STATE;
    static final long CTL_SERIAL = SessionControl.SERIAL;
    static final long CTL_OPS = SessionControl.OPS;
    static final long CTL_PROBES = SessionControl.PROBES;
    static final long CTL_MAX_PROBE = SessionControl.MAX_PROBE;
    static final long CTL_RETRIES = SessionControl.RETRIES;
    static final long CTL_LIVE = SessionControl.LIVE;
    static final long IDLE = SessionControl.IDLE;
    static final long IN_OP = SessionControl.IN_OP;
    static final int REST = 0;
    static final int QUIESCE = 1;
    /** Aligned 8-byte atomics on control blocks, stripe locks and counters; takes (segment, offset). */
    static final VarHandle CTL = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena;
    private final MemorySegment[] shards;
    /** Shard 0: with one shard (not {@code StoreConfig.SHARDED}) sessions index no array, as the unsharded store. */
    private final MemorySegment table;
    private final MemorySegment control;
    /** Claim stripe locks, one per 64 bytes. */
    private final MemorySegment stripes;
    /**
     * Per shard, 64 bytes apart: EMPTY slots reserved by claims so far (word 0) and, with deletes, how many times the
     * shard was compacted (word 1).
     */
    private final MemorySegment usedSlots;
    /** The value slab; null without {@code StoreConfig.SLAB}. */
    private final ValueSlab slab;
    private final StoreContext context;

    /** REST or QUIESCE. Sessions load it once per operation; only a checkpoint or a compaction stores it. */
    volatile int phase;

    private final Object sessionsLock = new Object();
    /** Open sessions by id; guarded by sessionsLock. */
    private final JitSession[] open = new JitSession[MAX_SESSIONS];
    /** Last serial per id of sessions not open now (closed, or recovered and not yet reopened); sessionsLock. */
    private final long[] knownSerial = new long[MAX_SESSIONS];
    private final boolean[] known = new boolean[MAX_SESSIONS];
    private long recoveredLive;
    private final Recovery recovery;
    private boolean closed;
    /** Serializes checkpoints and compactions: each quiesces the sessions. */
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private volatile long compactions;
    private volatile long maxCompactionNanos;
    /** The data directory; null without {@code StoreConfig.DURABLE}. */
    private final Path dir;
    private long nextCheckpointId = 1;
    private volatile long checkpoints;
    private volatile long lastPauseNanos;
    private volatile long maxPauseNanos;
    private volatile long lastCheckpointNanos;
    private volatile long lastSnapshotBytes;
    private final SessionLog[] logs = new SessionLog[MAX_SESSIONS];
    /** The group-commit thread; null without {@code StoreConfig.COMMIT_LOG}. */
    private final LogFlusher flusher;
    /** Largest version of any key that lost its slot: claims start above it (see claimVersion). */
    private final AtomicLong versionClock = new AtomicLong();

    JitStore(final StoreContext context) throws IOException {
        this.context = context;
        this.arena = Arena.ofShared();
        boolean opened = false;
        try {
            this.shards = new MemorySegment[SHARDS];
            for (int s = 0; s < SHARDS; s++) {
                // Zero-filled: a zero version word is EMPTY, so the fresh table is an empty index.
                shards[s] = StoreConfig.HUGE_PAGES ? HugePages.allocate(arena, SLOTS_PER_SHARD * SLOT_BYTES)
                    : arena.allocate(SLOTS_PER_SHARD * SLOT_BYTES, 64);
            }
            this.table = shards[0];
            this.control = arena.allocate(MAX_SESSIONS * CTL_STRIDE, 128);
            this.stripes = arena.allocate(CLAIM_STRIPES * 64L, 64);
            this.usedSlots = arena.allocate(SHARDS * 64L, 64);
            this.slab = StoreConfig.SLAB ? new ValueSlab(arena, context.spec().environment().usableBytes()
                - SLOTS_PER_SHARD * SLOT_BYTES * SHARDS) : null;
            this.dir = StoreConfig.DURABLE ? context.dataDir() : null;
            this.flusher = StoreConfig.COMMIT_LOG
                ? new LogFlusher(dir, logs, control, DURABILITY.groupCommitInterval()) : null;
            this.recovery = recover();
            opened = true;
        } finally {
            if (!opened) {
                arena.close();
            }
        }
        // Release (monitor exit): recovery's plain writes to the table happen-before any openSession, which enters
        // the same monitor.
        synchronized (sessionsLock) {
            closed = false;
        }
        if (StoreConfig.COMMIT_LOG) {
            flusher.start();
        }
    }

    MemorySegment[] shards() {
        return shards;
    }

    MemorySegment table() {
        return table;
    }

    MemorySegment control() {
        return control;
    }

    ValueSlab slab() {
        return slab;
    }

    SessionLog logOf(final int sessionId) {
        return logs[sessionId];
    }

    static long controlBlock(final int sessionId) {
        return SessionControl.block(sessionId);
    }

    /** Whether values of {@code size} bytes are allowed: a range, or with bimodal sizes its two ends only. */
    static boolean allowedValueSize(final long size) {
        if (StoreConfig.VALUE_SIZES_TWO_POINT) {
            return size == StoreConfig.VALUE_SIZE_MIN || size == StoreConfig.VALUE_SIZE_MAX;
        }
        return size >= StoreConfig.VALUE_SIZE_MIN && size <= StoreConfig.VALUE_SIZE_MAX;
    }

    /** As {@link #allowedValueSize}, for variable-length keys. */
    static boolean allowedKeySize(final long size) {
        if (StoreConfig.KEY_SIZES_TWO_POINT) {
            return size == StoreConfig.KEY_SIZE_MIN || size == StoreConfig.KEY_SIZE_MAX;
        }
        return size >= StoreConfig.KEY_SIZE_MIN && size <= StoreConfig.KEY_SIZE_MAX;
    }

    /** Hash bits 16.. pick the shard; the home group takes the top bits, so the two are independent. */
    int shardIndex(final long hash) {
        return SHARDS == 1 ? 0 : (int) (hash >>> 16) & (SHARDS - 1);
    }

    /* ------------------------------------------------------------------ sessions */

    @Override
    public Session openSession(final int sessionId) {
        if (sessionId < 0 || sessionId >= MAX_SESSIONS) {
            throw new StoreException("session id " + sessionId + " is outside [0, " + MAX_SESSIONS
                + "); use a small non-negative id");
        }
        synchronized (sessionsLock) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            if (open[sessionId] != null) {
                throw new StoreException("session " + sessionId + " is already open; a session is never shared");
            }
            if (StoreConfig.COMMIT_LOG && logs[sessionId] == null) {
                flusher.register(sessionId, new SessionLog(sessionId));
            }
            final JitSession session = new JitSession(this, sessionId, known[sessionId] ? knownSerial[sessionId] : 0);
            open[sessionId] = session;
            known[sessionId] = false;
            return session;
        }
    }

    void sessionClosed(final JitSession session) {
        synchronized (sessionsLock) {
            session.returnClaimBudgets();
            if (open[session.id()] == session) {
                open[session.id()] = null;
                knownSerial[session.id()] = session.serial();
                known[session.id()] = true;
            }
        }
    }

    /* ------------------------------------------------------------------ claims */

    /** Acquires the claim stripe of a key hash; returns the lock word's offset for {@link #unlockStripe}. */
    long lockStripe(final long hash) {
        final long off = (hash & (CLAIM_STRIPES - 1)) * 64L;
        // CAS (volatile): acquires the stripe; a claim under it sees every slot published by the previous holder.
        while (!CTL.compareAndSet(stripes, off, 0L, 1L)) {
            Thread.onSpinWait();
        }
        return off;
    }

    void unlockStripe(final long off) {
        // Release: our slot writes are published (by their own release) before the next holder scans.
        CTL.setRelease(stripes, off, 0L);
    }

    /**
     * Reserves a batch of EMPTY-slot claims in a shard; 0 when none is left. Bounded below the shard's slot count so
     * every probe chain keeps an EMPTY end; past the bound a claim compacts the index (designs with deletes) or
     * fails loudly, never by dropping the write.
     */
    long reserveEmptySlots(final int shard) {
        final long off = shard * 64L;
        // getAndAdd (volatile): the shared counter is touched once per batch, not once per claim.
        final long before = (long) CTL.getAndAdd(usedSlots, off, EMPTY_BATCH);
        if (before + EMPTY_BATCH <= MAX_USED_SLOTS_PER_SHARD) {
            return EMPTY_BATCH;
        }
        final long grant = Math.max(0, MAX_USED_SLOTS_PER_SHARD - before);
        CTL.getAndAdd(usedSlots, off, grant - EMPTY_BATCH);
        return grant;
    }

    /** The error of a shard that is full of live keys (after a compaction, when the design deletes). */
    StoreException indexFull(final int shard) {
        return new StoreException("index full: shard " + shard + " has used " + MAX_USED_SLOTS_PER_SHARD + " of its "
            + SLOTS_PER_SHARD + " slots; the live keys exceed the card's workload.keys (" + StoreConfig.KEY_COUNT
            + ", sized for " + StoreConfig.KEY_CAPACITY + " with margin); regenerate the store for a larger key count");
    }

    void returnEmptySlots(final int shard, final long unused) {
        if (unused > 0) {
            CTL.getAndAdd(usedSlots, shard * 64L, -unused);
        }
    }

    /** The version a claimed slot's new value must exceed. */
    long claimVersion(final long previous) {
        if (!StoreConfig.COMMIT_LOG) {
            return previous;
        }
        // Log replay orders a key's records by version, across every slot the key held. Taking over a tombstone ends
        // its key's last version, so fold it into the clock; a later claim of that key starts above the clock. The
        // claimer scans through the taken-over slot (acquire), so it sees the clock update made before its release.
        return versionClock.accumulateAndGet(previous, Math::max);
    }

    StoreException noChainEnd() {
        return new StoreException("index probe wrapped a whole shard without an EMPTY slot; this breaks the used-slot"
            + " bound and is a generator bug: report it with the store's design line: " + DESIGN);
    }

    /* ------------------------------------------------------------------ checkpoint */

    @Override
    public Checkpoint checkpoint() throws IOException {
        if (!StoreConfig.DURABLE) {
            throw new UnsupportedOperationException("durability none: this store keeps nothing on disk"
                + " (requirements.durability = none); regenerate for durability checkpoint or commit");
        }
        checkpointLock.lock();
        try {
            return takeCheckpoint();
        } finally {
            checkpointLock.unlock();
        }
    }

    /**
     * The CPR checkpoint. Quiesce sessions at operation boundaries, record each session's serial, capture the
     * table (a shadow copy when twice the footprint fits the budget, else the snapshot is written while quiesced),
     * release the sessions, make the snapshot durable, switch the manifest atomically, delete what it subsumes.
     */
    private Checkpoint takeCheckpoint() throws IOException {
        final long id = nextCheckpointId;
        final Path snapshotFile = CheckpointFiles.snapshotPath(dir, id);
        final Map<Integer, Long> serials = new HashMap<>();
        final long started = System.nanoTime();
        final boolean shadow = shadowFits();
        // Shadow buffers are allocated (and zeroed by the allocator) before the pause, not inside it.
        final Arena shadowArena = shadow ? Arena.ofShared() : null;
        try {
            final CheckpointCapture live = new CheckpointCapture(shards, slab);
            final CheckpointCapture shadowCapture = shadow ? CheckpointCapture.allocateLike(live, shadowArena) : null;
            final CheckpointFiles.SnapshotWriter writer = new CheckpointFiles.SnapshotWriter(snapshotFile, id);
            long logEpoch = 0;
            final long pauseStart;
            final long pauseEnd;
            synchronized (sessionsLock) {
                pauseStart = System.nanoTime();
                quiesce();
                try {
                    for (int i = 0; i < MAX_SESSIONS; i++) {
                        if (open[i] != null) {
                            serials.put(i, control.get(ValueLayout.JAVA_LONG, controlBlock(i) + CTL_SERIAL));
                        } else if (known[i]) {
                            serials.put(i, knownSerial[i]);
                        }
                    }
                    if (StoreConfig.COMMIT_LOG) {
                        // Every log byte before the cut goes to the old epoch; the snapshot subsumes that epoch.
                        logEpoch = flusher.rotate();
                    }
                    if (shadow) {
                        shadowCapture.copyFrom(live, shadowArena);
                    } else {
                        writer.writeRecords(live);
                    }
                } finally {
                    // Volatile store: sessions parked in awaitCheckpoint see REST and enter again.
                    phase = REST;
                    pauseEnd = System.nanoTime();
                }
            }
            if (shadow) {
                writer.writeRecords(shadowCapture);
            }
            lastSnapshotBytes = writer.finish();
            CheckpointFiles.writeManifest(dir, new CheckpointFiles.Manifest(id, snapshotFile.getFileName().toString(),
                logEpoch, serials));
            CheckpointFiles.deleteSubsumed(dir, id, logEpoch);
            nextCheckpointId = id + 1;
            final long pause = pauseEnd - pauseStart;
            lastPauseNanos = pause;
            maxPauseNanos = Math.max(maxPauseNanos, pause);
            lastCheckpointNanos = System.nanoTime() - started;
            checkpoints = checkpoints + 1;
            return new Checkpoint(id, serials);
        } finally {
            if (shadowArena != null) {
                shadowArena.close();
            }
        }
    }

    /** Whether a shadow copy of table and slabs fits the usable budget beside the live ones. */
    private boolean shadowFits() {
        if (!StoreConfig.SHADOW_CHECKPOINT) {
            return false;
        }
        final long live = SLOTS_PER_SHARD * SLOT_BYTES * SHARDS + (StoreConfig.SLAB ? slab.reservedBytes() : 0);
        return 2 * live + MAX_SESSIONS * CTL_STRIDE <= context.spec().environment().usableBytes();
    }

    /** Stops sessions at operation boundaries; the caller holds sessionsLock and stores REST when done. */
    private void quiesce() {
        // Volatile store, then volatile loads of each session's state: our half of the Dekker handshake.
        phase = QUIESCE;
        for (int i = 0; i < MAX_SESSIONS; i++) {
            if (open[i] == null) {
                continue;
            }
            final long state = controlBlock(i) + CTL_STATE;
            int spins = 0;
            // Acquire (volatile load): once we see IDLE, the session's operation and serial are visible to us.
            while ((long) CTL.getVolatile(control, state) == IN_OP) {
                if (++spins < 1024) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    /**
     * Compacts the index in place, with every session quiesced: tombstones become EMPTY, and every live entry moves
     * to the first slot of its probe chain that is not already settled (SwissTable's drop-deletes-without-resize,
     * for linear probing). A settled entry sits after a run of settled entries only, so every chain is intact. No
     * memory beyond one slot of scratch. Called by a session that found its shard at the used-slot bound, after it
     * stepped out of its operation; only designs with deletes compact.
     */
    void compact(final int callerId) {
        // Release: the caller is outside any operation now (it holds no slot or stripe lock), so quiesce can pass it.
        CTL.setRelease(control, controlBlock(callerId) + CTL_STATE, IDLE);
        checkpointLock.lock();
        try {
            synchronized (sessionsLock) {
                final long started = System.nanoTime();
                quiesce();
                try {
                    try (Arena scratchArena = Arena.ofConfined()) {
                        final MemorySegment scratch = scratchArena.allocate(SLOT_BYTES, 8);
                        for (int s = 0; s < SHARDS; s++) {
                            if ((long) CTL.getVolatile(usedSlots, s * 64L) >= MAX_USED_SLOTS_PER_SHARD - EMPTY_BATCH) {
                                compactShard(shards[s], s, scratch);
                            }
                        }
                    }
                } finally {
                    // Volatile store: sessions parked at operation entry see REST and enter again.
                    phase = REST;
                }
                final long took = System.nanoTime() - started;
                maxCompactionNanos = Math.max(maxCompactionNanos, took);
                compactions = compactions + 1;
            }
        } finally {
            checkpointLock.unlock();
        }
    }

    /** State of a live entry not yet placed during compaction; never visible outside the quiesce. */
    private static final int PENDING = 3;
    /** Where a shard's compaction generation sits in its used-slot line. */
    private static final long GENERATION_OFFSET = 8;

    private void compactShard(final MemorySegment t, final int shard, final MemorySegment scratch) {
        for (long off = 0; off < SLOTS_PER_SHARD * SLOT_BYTES; off += SLOT_BYTES) {
            final long m = t.get(ValueLayout.JAVA_LONG, off);
            if (stateOf(m) == SlotLayout.TOMBSTONE) {
                // The tombstone's key loses its last version: later claims of that key must start above it.
                claimVersion(versionOf(m));
                t.set(ValueLayout.JAVA_LONG, off, 0L);
            } else if (stateOf(m) == LIVE) {
                t.set(ValueLayout.JAVA_LONG, off, meta(versionOf(m), PENDING, lengthOf(m)));
            }
        }
        long used = 0;
        for (long i = 0; i < SLOTS_PER_SHARD; i++) {
            final long off = i * SLOT_BYTES;
            while (stateOf(t.get(ValueLayout.JAVA_LONG, off)) == PENDING) {
                long p = SlotLayout.homeSlot(SlotLayout.hash(t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET)));
                while (stateOf(t.get(ValueLayout.JAVA_LONG, p * SLOT_BYTES)) == LIVE) {
                    p = SlotLayout.nextSlot(p);
                }
                final long target = p * SLOT_BYTES;
                if (p == i) {
                    settle(t, off);
                } else if (stateOf(t.get(ValueLayout.JAVA_LONG, target)) == SlotLayout.EMPTY) {
                    MemorySegment.copy(t, off, t, target, SLOT_BYTES);
                    settle(t, target);
                    t.set(ValueLayout.JAVA_LONG, off, 0L);
                } else {
                    // Both pending: swap, settle ours at p, and place the one now at i in the next round.
                    MemorySegment.copy(t, target, scratch, 0, SLOT_BYTES);
                    MemorySegment.copy(t, off, t, target, SLOT_BYTES);
                    MemorySegment.copy(scratch, 0, t, off, SLOT_BYTES);
                    settle(t, target);
                }
            }
        }
        for (long off = 0; off < SLOTS_PER_SHARD * SLOT_BYTES; off += SLOT_BYTES) {
            used += stateOf(t.get(ValueLayout.JAVA_LONG, off)) != SlotLayout.EMPTY ? 1 : 0;
        }
        usedSlots.set(ValueLayout.JAVA_LONG, shard * 64L, used);
        // Sessions' unspent batches were reserved against the old count: a new generation voids them.
        usedSlots.set(ValueLayout.JAVA_LONG, shard * 64L + GENERATION_OFFSET, compactionGeneration(shard) + 1);
    }

    /** How many times the shard was compacted; changes only while every session is quiesced. */
    long compactionGeneration(final int shard) {
        return usedSlots.get(ValueLayout.JAVA_LONG, shard * 64L + GENERATION_OFFSET);
    }

    private static void settle(final MemorySegment t, final long off) {
        final long m = t.get(ValueLayout.JAVA_LONG, off);
        t.set(ValueLayout.JAVA_LONG, off, meta(versionOf(m), LIVE, lengthOf(m)));
    }

    /* ------------------------------------------------------------------ recovery */

    @Override
    public Recovery recovery() {
        return recovery;
    }

    private Recovery recover() throws IOException {
        if (!StoreConfig.DURABLE) {
            return Recovery.none();
        }
        Files.createDirectories(dir);
        final ValueSlab.ThreadCache cache = StoreConfig.SLAB ? slab.newCache() : null;
        final CheckpointFiles.Manifest manifest = CheckpointFiles.readManifest(dir);
        final Map<Integer, Long> serials = new HashMap<>();
        boolean restored = false;
        long checkpointId = -1;
        if (manifest != null) {
            final Path snapshot = dir.resolve(manifest.snapshot());
            CheckpointFiles.readSnapshot(snapshot, manifest.checkpointId(), (key, word, src, off) ->
                install(cache, key, word, src, off));
            serials.putAll(manifest.serials());
            checkpointId = manifest.checkpointId();
            nextCheckpointId = checkpointId + 1;
            restored = true;
        }
        CheckpointFiles.deleteStrays(dir, manifest);
        if (StoreConfig.COMMIT_LOG) {
            final long firstEpoch = manifest == null ? 0 : manifest.logEpoch();
            // Pass 1: upserts and deletes, newest version per key wins, whatever the order of the logs.
            final Map<Integer, Long> watermarks = new HashMap<>();
            final boolean logged = SessionLog.replay(dir, firstEpoch, (kind, session, serial, key, version, src, off,
                                                                       len, delta) -> {
                // A frame may hold records past its watermark (appended between the flusher's two loads): the
                // session's serial covers every record replayed, and its log is in serial order, so nothing before
                // them is missing.
                serials.merge(session, serial, Math::max);
                if (kind != SessionLog.DELTA) {
                    final int state = kind == SessionLog.DELETE ? SlotLayout.TOMBSTONE : LIVE;
                    install(cache, key, meta(version, state, len), src, off);
                }
            }, watermarks);
            // Pass 2: rmw deltas newer than the base value pass 1 settled on; the base's version is not moved until
            // all deltas are in, so their order does not matter.
            final Map<Long, Long> deltaVersions = new HashMap<>();
            SessionLog.replay(dir, firstEpoch, (kind, session, serial, key, version, src, off, len, delta) -> {
                if (kind == SessionLog.DELTA) {
                    applyDelta(key, version, delta, deltaVersions);
                }
            }, null);
            // And at least the largest watermark of its durable frames: every operation up to it is in the logs or
            // changed nothing.
            for (final Map.Entry<Integer, Long> e : watermarks.entrySet()) {
                serials.merge(e.getKey(), e.getValue(), Math::max);
            }
            for (final Map.Entry<Long, Long> e : deltaVersions.entrySet()) {
                raiseVersion(e.getKey(), e.getValue());
            }
            flusher.startEpoch(SessionLog.nextEpoch(dir, firstEpoch));
            restored |= logged;
        }
        if (StoreConfig.SLAB) {
            cache.release();
        }
        countRecovered();
        for (final Map.Entry<Integer, Long> e : serials.entrySet()) {
            if (e.getKey() >= 0 && e.getKey() < MAX_SESSIONS) {
                known[e.getKey()] = true;
                knownSerial[e.getKey()] = e.getValue();
            }
        }
        return restored ? new Recovery(true, checkpointId, serials) : Recovery.none();
    }

    /**
     * Recovery only (one thread, before any session): sets the key to a record unless the key already holds a newer
     * version. Plain accesses: nothing else runs yet, and the constructor's monitor exit publishes the result.
     * {@code cache} is null without a slab.
     */
    private void install(final ValueSlab.ThreadCache cache, final long key, final long word, final MemorySegment src,
                         final long srcOff) {
        final long h = SlotLayout.hash(key);
        final MemorySegment t = shards[shardIndex(h)];
        long slot = SlotLayout.homeSlot(h);
        for (long steps = 0; steps < SLOTS_PER_SHARD; steps++) {
            final long off = slot * SLOT_BYTES;
            final long m = t.get(ValueLayout.JAVA_LONG, off);
            if (SlotLayout.isEmpty(m)) {
                if (stateOf(word) != LIVE) {
                    // A tombstone for a key we never saw: keep it, so older log records of the key stay dead.
                    t.set(ValueLayout.JAVA_LONG, off + KEY_OFFSET, key);
                    t.set(ValueLayout.JAVA_LONG, off, meta(versionOf(word), SlotLayout.TOMBSTONE, 0));
                    return;
                }
                t.set(ValueLayout.JAVA_LONG, off + KEY_OFFSET, key);
                writeRecovered(cache, t, off, 0L, word, src, srcOff);
                return;
            }
            // With variable keys a tag names a key only with its bytes: a live slot of another key with the same tag
            // is probed past.
            final boolean sameKey = StoreConfig.VARIABLE_KEYS
                ? t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) == key && stateOf(m) == LIVE
                    && sameRecoveredKey(t, off, key, src, srcOff)
                : t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) == key;
            if (sameKey) {
                if (versionOf(m) < versionOf(word)) {
                    if (stateOf(word) == LIVE) {
                        writeRecovered(cache, t, off, m, word, src, srcOff);
                    } else {
                        if (StoreConfig.SLAB) {
                            freeRecovered(cache, t, off, m);
                        }
                        t.set(ValueLayout.JAVA_LONG, off, meta(versionOf(word), SlotLayout.TOMBSTONE, 0));
                    }
                }
                return;
            }
            slot = SlotLayout.nextSlot(slot);
        }
        throw noChainEnd();
    }

    private void writeRecovered(final ValueSlab.ThreadCache cache, final MemorySegment t, final long off,
                                final long old, final long word, final MemorySegment src, final long srcOff) {
        final int len = lengthOf(word);
        if (!StoreConfig.SLAB || StoreConfig.SOME_INLINE && len <= SlotLayout.INLINE_BYTES) {
            if (StoreConfig.SLAB) {
                freeRecovered(cache, t, off, old);
            }
            MemorySegment.copy(src, srcOff, t, off + PAYLOAD_OFFSET, len);
        } else {
            freeRecovered(cache, t, off, old);
            // With variable keys the record is the chunk as it was: the key's bytes, then the value.
            final int chunkBytes = StoreConfig.VARIABLE_KEYS
                ? SlotLayout.keyLengthOf(t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET)) + len : len;
            final long ref = cache.allocate(ValueSlab.classOf(chunkBytes));
            MemorySegment.copy(src, srcOff, slab.page(ref), ValueSlab.offsetOf(ref), chunkBytes);
            t.set(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET, ref);
        }
        t.set(ValueLayout.JAVA_LONG, off, meta(versionOf(word), LIVE, len));
    }

    /** Whether the live slot at {@code off} holds the record's key: the chunk's first bytes against the record's. */
    private boolean sameRecoveredKey(final MemorySegment t, final long off, final long tag, final MemorySegment src,
                                     final long srcOff) {
        final long ref = t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET);
        final long at = ValueSlab.offsetOf(ref);
        final int keyLength = SlotLayout.keyLengthOf(tag);
        return MemorySegment.mismatch(slab.page(ref), at, at + keyLength, src, srcOff, srcOff + keyLength) < 0;
    }

    private static void freeRecovered(final ValueSlab.ThreadCache cache, final MemorySegment t, final long off,
                                      final long old) {
        final boolean inSlab = StoreConfig.SOME_INLINE
            ? stateOf(old) == LIVE && lengthOf(old) > SlotLayout.INLINE_BYTES : stateOf(old) == LIVE;
        if (inSlab) {
            cache.free(t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET));
        }
    }

    /** Recovery pass 2 (commit logs): adds a delta if it is newer than the key's settled base value. */
    private void applyDelta(final long key, final long version, final long delta, final Map<Long, Long> versions) {
        final long off = findRecovered(key);
        if (off < 0) {
            return;
        }
        final MemorySegment t = shards[shardIndex(SlotLayout.hash(key))];
        final long m = t.get(ValueLayout.JAVA_LONG, off);
        if (stateOf(m) != LIVE || versionOf(m) >= version || lengthOf(m) < Long.BYTES) {
            return;
        }
        final MemorySegment base;
        final long at;
        if (StoreConfig.ALL_INLINE || StoreConfig.SOME_INLINE && lengthOf(m) <= SlotLayout.INLINE_BYTES) {
            base = t;
            at = off + PAYLOAD_OFFSET;
        } else {
            final long ref = t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET);
            base = slab.page(ref);
            at = ValueSlab.offsetOf(ref);
        }
        base.set(SlotLayout.LE_LONG, at, base.get(SlotLayout.LE_LONG, at) + delta);
        versions.merge(key, version, Math::max);
    }

    private void raiseVersion(final long key, final long version) {
        final long off = findRecovered(key);
        final MemorySegment t = shards[shardIndex(SlotLayout.hash(key))];
        final long m = t.get(ValueLayout.JAVA_LONG, off);
        if (versionOf(m) < version) {
            t.set(ValueLayout.JAVA_LONG, off, meta(version, stateOf(m), lengthOf(m)));
        }
    }

    private long findRecovered(final long key) {
        final long h = SlotLayout.hash(key);
        final MemorySegment t = shards[shardIndex(h)];
        long slot = SlotLayout.homeSlot(h);
        for (long steps = 0; steps < SLOTS_PER_SHARD; steps++) {
            final long off = slot * SLOT_BYTES;
            final long m = t.get(ValueLayout.JAVA_LONG, off);
            if (SlotLayout.isEmpty(m)) {
                return -1;
            }
            if (t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) == key) {
                return off;
            }
            slot = SlotLayout.nextSlot(slot);
        }
        return -1;
    }

    /** After recovery: live keys, used slots per shard, and (commit) the version clock. */
    private void countRecovered() {
        long live = 0;
        for (int s = 0; s < SHARDS; s++) {
            long used = 0;
            final MemorySegment t = shards[s];
            for (long off = 0; off < SLOTS_PER_SHARD * SLOT_BYTES; off += SLOT_BYTES) {
                final long m = t.get(ValueLayout.JAVA_LONG, off);
                if (stateOf(m) != SlotLayout.EMPTY) {
                    used++;
                    live += stateOf(m) == LIVE ? 1 : 0;
                    if (StoreConfig.COMMIT_LOG) {
                        versionClock.accumulateAndGet(versionOf(m), Math::max);
                    }
                }
            }
            if (used > MAX_USED_SLOTS_PER_SHARD) {
                throw new StoreException("recovered state holds " + used + " keys in shard " + s + ", over its "
                    + MAX_USED_SLOTS_PER_SHARD + "-slot bound: the data directory was written by a store sized for"
                    + " more keys; regenerate for the larger key count");
            }
            usedSlots.set(ValueLayout.JAVA_LONG, s * 64L, used);
        }
        recoveredLive = live;
    }

    /* ------------------------------------------------------------------ info, metrics, close */

    @Override
    public StoreInfo info() {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("design", DESIGN);
        config.put("slots", Long.toString(SLOTS_PER_SHARD * SHARDS));
        config.put("slot_bytes", Integer.toString(SLOT_BYTES));
        config.put("inline_bytes", Integer.toString(SlotLayout.INLINE_BYTES));
        config.put("shards", Integer.toString(SHARDS));
        if (StoreConfig.HUGE_PAGES) {
            config.put("table_pages", HugePages.lastOutcome());
        }
        config.put("value_sizes", StoreConfig.VALUE_SIZES_TEXT);
        config.put("operations", StoreConfig.OPERATIONS_TEXT);
        return new StoreInfo(NAME, DURABILITY, config);
    }

    @Override
    public Optional<StoreMetrics> metrics() {
        return Optional.of(this::metricsSnapshot);
    }

    private Map<String, Double> metricsSnapshot() {
        long ops = 0;
        long probes = 0;
        long maxProbe = 0;
        long retries = 0;
        long live = recoveredLive;
        for (int i = 0; i < MAX_SESSIONS; i++) {
            final long base = controlBlock(i);
            // Opaque loads: racy but untorn; metrics are a consistent-enough sample, read off the timed path.
            ops += (long) CTL.getOpaque(control, base + CTL_OPS);
            probes += (long) CTL.getOpaque(control, base + CTL_PROBES);
            maxProbe = Math.max(maxProbe, (long) CTL.getOpaque(control, base + CTL_MAX_PROBE));
            retries += (long) CTL.getOpaque(control, base + CTL_RETRIES);
            live += (long) CTL.getOpaque(control, base + CTL_LIVE);
        }
        long used = 0;
        for (int s = 0; s < SHARDS; s++) {
            used += (long) CTL.getOpaque(usedSlots, s * 64L);
        }
        final double slots = (double) SLOTS_PER_SHARD * SHARDS;
        final Map<String, Double> m = new LinkedHashMap<>();
        m.put("ops", (double) ops);
        m.put("index.slots", slots);
        m.put("index.live_keys", (double) live);
        m.put("index.load_factor", live / slots);
        m.put("index.used_slots", (double) used);
        m.put("index.probe_length.mean", ops == 0 ? 0.0 : (double) probes / ops);
        m.put("index.probe_length.max", (double) maxProbe);
        m.put("seqlock.read_retries", (double) retries);
        m.put("memory.table_bytes", slots * SLOT_BYTES);
        if (StoreConfig.SLAB) {
            m.put("slab.bytes", (double) slab.reservedBytes());
            m.put("slab.pages", (double) slab.pageCount());
        }
        if (StoreConfig.DELETE) {
            m.put("index.compactions", (double) compactions);
            m.put("index.compaction_ms.max", maxCompactionNanos / 1e6);
        }
        if (StoreConfig.DURABLE) {
            m.put("checkpoint.count", (double) checkpoints);
            m.put("checkpoint.pause_ms.last", lastPauseNanos / 1e6);
            m.put("checkpoint.pause_ms.max", maxPauseNanos / 1e6);
            m.put("checkpoint.duration_ms.last", lastCheckpointNanos / 1e6);
            m.put("checkpoint.snapshot_bytes.last", (double) lastSnapshotBytes);
        }
        if (StoreConfig.COMMIT_LOG) {
            m.put("log.bytes_written", (double) flusher.bytesWritten());
            m.put("log.flushes", (double) flusher.flushes());
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        synchronized (sessionsLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (StoreConfig.COMMIT_LOG) {
            flusher.close();
        }
        arena.close();
    }
}
