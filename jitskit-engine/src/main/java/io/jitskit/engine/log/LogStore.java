package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.INT;
import static io.jitskit.engine.log.Layout.LONG;
import static io.jitskit.engine.log.Layout.RECORD_KEY_OFFSET;
import static io.jitskit.engine.log.Layout.SERIAL_OFFSET;
import static io.jitskit.engine.log.Layout.SESSION_OFFSET;
import static io.jitskit.engine.log.Layout.TAG_INLINE;
import static io.jitskit.engine.log.Layout.TYPE_RECORD;
import static io.jitskit.engine.log.Layout.VALUE_LENGTH_OFFSET;
import static io.jitskit.engine.log.Layout.VALUE_OFFSET;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Checkpoint;
import io.jitskit.api.MetricNames;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.StoreMetrics;
import io.jitskit.engine.runtime.FileIo;
import io.jitskit.spec.Durability;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The larger-than-memory store: the design essay in this store's {@code StoreConfig} is the design; {@link Layout}
 * draws the formats; {@link LogSession} holds the operations. This class wires the parts and holds the read path:
 *
 * <pre>
 *   OperationGate    control word, session table: entry handshake, quiesce, grace period, failure
 *   LogSpace         the logs, segment files, live bytes, the disk bound
 *   SingleWriterLog  one session's log: ring tail, page flush, segments
 *   Checkpointer     CPR checkpoints: quiesce, flush to the cuts, index snapshot, Manifest
 *   LogRecovery      opening a data directory: the last checkpoint restored, or a clean start
 *   Compactor        the thread that copies live records out of sparse segments; index compaction
 * </pre>
 */
final class LogStore implements Store {

    static final String NAME = StoreConfig.STORE_NAME;
    static final String DESIGN = StoreConfig.DESIGN;
    static final String OPERATIONS = StoreConfig.OPERATIONS;
    static final String VALUE_SIZES_TEXT = StoreConfig.VALUE_SIZES_TEXT;
    static final Durability DURABILITY = StoreConfig.DURABLE ? Durability.checkpoint() : Durability.none();
    static final boolean DURABLE = StoreConfig.DURABLE;

    /** Session ids are in [0, MAX_SESSIONS). */
    static final int MAX_SESSIONS = StoreConfig.MAX_SESSIONS;
    static final int MAX_VALUE_BYTES = StoreConfig.VALUE_SIZE_MAX;
    static final int MAX_RECORD_BYTES = Layout.recordBytes(MAX_VALUE_BYTES);
    /** Values up to this size live in the meta word (0: inlining is off). */
    static final int INLINE_MAX = StoreConfig.INLINE_MAX;
    static final boolean CACHED = StoreConfig.CACHED;

    /** System property that forces the buffered fallback instead of O_DIRECT, read once at open. */
    static final String BUFFERED_IO_PROPERTY = "jitskit.log.bufferedIo";

    /** {@link #readValue}'s answer when the record's segment was compacted away meanwhile. */
    static final int RETRY = -2;

    final HashIndex index;
    final ReadCache cache;
    /** The same array as {@code space.logs}, one load closer to the read path. */
    private final SingleWriterLog[] logs;
    private final OperationGate gate = new OperationGate();
    private final LogSpace space;
    private final Checkpointer checkpointer;
    private final Compactor compactor;
    private final Thread compactorThread;
    private final Arena arena = Arena.ofShared();
    private final FileIo controlIo;
    private final Recovery recovery;

    LogStore(final StoreContext context) throws IOException {
        final Path dataDir = context.dataDir();
        Files.createDirectories(dataDir);
        final int blockBytes = (int) Math.max(4096, Math.min(1 << 16, Files.getFileStore(dataDir).getBlockSize()));
        this.controlIo = new FileIo(arena);
        this.space = new LogSpace(dataDir, blockBytes, probeDirectIo(dataDir, controlIo), arena, gate);
        this.logs = space.logs;
        this.index = new HashIndex(arena);
        this.cache = CACHED ? new ReadCache(arena) : null;
        this.checkpointer = new Checkpointer(gate, space, index, controlIo);
        this.recovery = new LogRecovery(space, index, gate, checkpointer, controlIo, arena).open();
        this.compactor = new Compactor(gate, space, index, checkpointer, arena);
        this.compactorThread = Thread.ofPlatform().daemon().name(NAME + "-compactor").unstarted(compactor);
        space.attachCompactor(compactor.state, compactorThread);
        compactorThread.start();
    }

    /**
     * Opens and removes a probe file with O_DIRECT: refused (older tmpfs, some network file systems) means the
     * buffered fallback, which {@link #BUFFERED_IO_PROPERTY} also forces (to test it where O_DIRECT works).
     */
    private static boolean probeDirectIo(final Path dataDir, final FileIo io) throws IOException {
        if (Boolean.getBoolean(BUFFERED_IO_PROPERTY)) {
            return false;
        }
        final Path probe = dataDir.resolve("direct-io.probe");
        final int fd = io.open(probe.toString(), true);
        if (fd >= 0) {
            io.close(fd);
        }
        Files.deleteIfExists(probe);
        return fd >= 0;
    }

    /* ---------------------------------------------------------------- sessions */

    @Override
    public Session openSession(final int sessionId) {
        if (sessionId < 0 || sessionId >= MAX_SESSIONS) {
            throw new IllegalArgumentException("session id " + sessionId + " is outside [0, " + MAX_SESSIONS
                + "), the session slots this store was generated with");
        }
        requireUsable();
        final SessionState state = gate.open(sessionId, id -> new SessionState(id, space.newLog(id, 0), arena, 0,
            space.blockBytes, MAX_RECORD_BYTES, MAX_VALUE_BYTES));
        return new LogSession(this, state);
    }

    void closeSession(final SessionState state) {
        gate.close(state);
    }

    /* ---------------------------------------------------------------- operation entry, failure, maintenance */

    /** Starts an operation ({@link OperationGate#enter}): waits out a quiesce, throws once closed or failed. */
    void enter(final SessionState state) {
        gate.enter(state);
    }

    void requireUsable() {
        gate.requireUsable();
    }

    StoreException fail(final Throwable t) {
        return gate.fail(t);
    }

    /** Moves live-byte accounting from the record {@code previous} named to the one {@code next} names. */
    void account(final SessionState s, final long previous, final long next) {
        space.account(s, previous, next);
    }

    /** A claim met the index's bound: drop its tombstones under a quiesce ({@link Compactor#compactIndex}). */
    void compactIndex(final SessionState owner) {
        compactor.compactIndex(owner);
    }

    /* ---------------------------------------------------------------- values */

    /** Appends a record of {@code value} for {@code key} to the session's log; returns the LOG meta naming it. */
    long append(final SessionState s, final long key, final MemorySegment value, final int valueLength) {
        final int recordBytes = Layout.recordBytes(valueLength);
        final SingleWriterLog log = s.log;
        final long offset;
        try {
            offset = log.reserve(recordBytes, s.io, s);
        } catch (final IOException e) {
            throw fail(e);
        }
        final MemorySegment ring = log.ring;
        final long base = offset & log.ringMask;
        ring.set(INT, base, TYPE_RECORD);
        ring.set(INT, base + VALUE_LENGTH_OFFSET, valueLength);
        ring.set(LONG, base + RECORD_KEY_OFFSET, key);
        ring.set(LONG, base + SERIAL_OFFSET, s.serialPlain() + 1);
        ring.set(INT, base + SESSION_OFFSET, s.id);
        MemorySegment.copy(value, 0, ring, base + VALUE_OFFSET, valueLength);
        ring.set(INT, base + Layout.CHECK_OFFSET, Layout.checksum(ring, base, valueLength));
        return Layout.logMeta(log.id, offset, recordBytes);
    }

    /**
     * Copies the value {@code meta} names into {@code out}: from the meta itself (inline), from the owning log's
     * in-memory ring, from the read cache, or with one pread.
     *
     * @return the value's length, or {@link #RETRY} when the record's segment was compacted away meanwhile
     * @throws BufferTooSmallException when the value does not fit {@code out}
     */
    int readValue(final SessionState s, final long key, final long keyHash, final long meta, final MemorySegment out) {
        if (Layout.tag(meta) == TAG_INLINE) {
            final int length = Layout.inlineLengthOf(meta);
            if (length > out.byteSize()) {
                throw new BufferTooSmallException(length, out.byteSize());
            }
            Layout.copyInline(meta, out, length);
            return length;
        }
        final SingleWriterLog log = logs[Layout.logIdOf(meta)];
        final long offset = Layout.offsetOf(meta);
        final int recordBytes = Layout.recordBytesOf(meta);
        s.reads++;
        if (offset >= log.ringLowAcquire()) {
            final MemorySegment ring = log.ring;
            final long base = offset & log.ringMask;
            final int length = ring.get(INT, base + VALUE_LENGTH_OFFSET);
            final boolean sane = length >= 0 && length <= MAX_VALUE_BYTES && Layout.recordBytes(length) == recordBytes;
            if (sane && length <= out.byteSize()) {
                MemorySegment.copy(ring, base + VALUE_OFFSET, out, 0, length);
            }
            // Seqlock read: the copy happens before the re-read of ringLow (pairs with the writer's storeStoreFence).
            VarHandle.loadLoadFence();
            if (offset >= log.ringLowOpaque()) {
                if (!sane) {
                    throw new StoreException("record of meta " + Long.toHexString(meta) + " in log " + log.id
                        + " has length " + length + ", not its meta's " + recordBytes + " record bytes: a bug");
                }
                if (length > out.byteSize()) {
                    throw new BufferTooSmallException(length, out.byteSize());
                }
                s.ringHits++;
                return length;
            }
            // The page left the ring while we copied; it was written to disk before it left.
        }
        if (CACHED) {
            cache.recordAccess(keyHash);
            final int length = cache.get(meta, out);
            if (length >= 0) {
                if (length > out.byteSize()) {
                    throw new BufferTooSmallException(length, out.byteSize());
                }
                s.cacheHits++;
                return length;
            }
            s.cacheMisses++;
        }
        return readFromDisk(s, log, key, meta, offset, recordBytes, out);
    }

    private int readFromDisk(final SessionState s, final SingleWriterLog log, final long key, final long meta,
                             final long offset, final int recordBytes, final MemorySegment out) {
        final SingleWriterLog.Segment segment = log.segmentOf(offset);
        if (segment == null) {
            return RETRY;
        }
        final int blockBytes = space.blockBytes;
        final long position = offset & (SingleWriterLog.SEGMENT_BYTES - 1);
        final long from = position & -(long) blockBytes;
        final long to = (position + recordBytes + blockBytes - 1) & -(long) blockBytes;
        final int base = (int) (position - from);
        final MemorySegment scratch = s.scratch;
        try {
            final long n = s.io.pread(segment.fd, scratch, to - from, from);
            if (!space.direct) {
                s.io.dropFromPageCache(segment.fd, from, to - from);
            }
            s.preads++;
            s.preadBytes += to - from;
            final int length = scratch.get(INT, base + VALUE_LENGTH_OFFSET);
            if (n < base + recordBytes || scratch.get(INT, base) != TYPE_RECORD
                || scratch.get(LONG, base + RECORD_KEY_OFFSET) != key || length < 0 || length > MAX_VALUE_BYTES
                || Layout.recordBytes(length) != recordBytes
                || scratch.get(INT, base + Layout.CHECK_OFFSET) != Layout.checksum(scratch, base, length)) {
                throw new IOException(segment.path + ": record at offset " + position + " does not verify (key, "
                    + "length or checksum) for meta " + Long.toHexString(meta));
            }
            if (length > out.byteSize()) {
                throw new BufferTooSmallException(length, out.byteSize());
            }
            MemorySegment.copy(scratch, base + VALUE_OFFSET, out, 0, length);
            if (CACHED && cache.put(meta, key, scratch, base + VALUE_OFFSET, length)) {
                s.evictions++;
            }
            return length;
        } catch (final IOException e) {
            throw fail(e);
        }
    }

    /* ---------------------------------------------------------------- store */

    @Override
    public Checkpoint checkpoint() throws IOException {
        if (!DURABLE) {
            throw new UnsupportedOperationException(NAME + " was generated for durability none: it keeps nothing to "
                + "checkpoint; regenerate it for requirements.durability checkpoint");
        }
        requireUsable();
        return checkpointer.checkpoint();
    }

    @Override
    public Recovery recovery() {
        return recovery;
    }

    @Override
    public StoreInfo info() {
        final Map<String, String> c = new LinkedHashMap<>();
        c.put("design", DESIGN);
        c.put("io", space.direct ? "O_DIRECT, " + space.blockBytes + "-byte blocks"
            : "buffered + sync_file_range + posix_fadvise(DONTNEED) (file system refused O_DIRECT)");
        c.put("index_slots", Long.toString(HashIndex.SLOTS));
        c.put("ring_bytes", StoreConfig.MAIN_RING_BYTES + " per worker session, " + StoreConfig.SMALL_RING_BYTES
            + " otherwise");
        c.put("page_bytes", Integer.toString(SingleWriterLog.PAGE_BYTES));
        c.put("segment_bytes", Long.toString(SingleWriterLog.SEGMENT_BYTES));
        c.put("read_cache", CACHED ? ReadCache.POLICY_NAME + ", " + ReadCache.SETS + " sets x " + ReadCache.WAYS
            + " ways x " + ReadCache.ENTRY_BYTES + " B" : "none");
        c.put("compaction", "segments below " + StoreConfig.COMPACT_LIVE_FRACTION + " live");
        c.put("data_dir", space.dataDir.toString());
        return new StoreInfo(NAME, DURABILITY, c);
    }

    @Override
    public Optional<StoreMetrics> metrics() {
        return Optional.of(() -> {
            long reads = 0;
            long ringHits = 0;
            long cacheHits = 0;
            long cacheMisses = 0;
            long preads = 0;
            long preadBytes = 0;
            long evictions = 0;
            long retries = 0;
            long quiesceWaitNanos = 0;
            long diskWaitNanos = 0;
            for (final SessionState s : gate.sessionStates()) {
                if (s != null) {
                    quiesceWaitNanos += s.quiesceWaitNanos;
                    diskWaitNanos += s.diskWaitNanos;
                    reads += s.reads;
                    ringHits += s.ringHits;
                    cacheHits += s.cacheHits;
                    cacheMisses += s.cacheMisses;
                    preads += s.preads;
                    preadBytes += s.preadBytes;
                    evictions += s.evictions;
                    retries += s.retries;
                }
            }
            final long disk = space.diskBytes.get();
            final long live = space.liveBytes();
            final Map<String, Double> m = new LinkedHashMap<>();
            m.put("keys", (double) space.liveKeys());
            m.put("log.reads", (double) reads);
            m.put("log.ring_hit_ratio", reads == 0 ? 0 : ringHits / (double) reads);
            m.put("cache.hit_ratio", cacheHits + cacheMisses == 0 ? 0 : cacheHits / (double) (cacheHits + cacheMisses));
            m.put("cache.evictions", (double) evictions);
            m.put("disk.preads", (double) preads);
            m.put("disk.bytes_read", (double) preadBytes);
            m.put("disk.bytes_written", (double) space.bytesWritten.get());
            m.put("disk.bytes", (double) disk);
            m.put("live.bytes", (double) live);
            m.put("live.fraction", disk == 0 ? 1 : live / (double) disk);
            m.put("compaction.count", (double) compactor.compactions());
            m.put("compaction.bytes_moved", (double) compactor.compactedBytes());
            m.put("compaction.dropped_unread", (double) compactor.deadSegmentsDropped());
            m.put("index.load_factor", index.claimedSlots() / (double) HashIndex.SLOTS);
            m.put("index.retries", (double) retries);
            m.put("checkpoint.count", (double) checkpointer.count());
            m.put(MetricNames.CHECKPOINT_PAUSE_MAX_MS, checkpointer.longestPauseNanos() / 1e6);
            m.put("index.compactions", (double) compactor.indexCompactions());
            // Summed over sessions: why writers park, for a critic that must tell a slow compactor from a lock.
            // Quiesces are checkpoints' and index compactions'.
            m.put("wait.quiesce_ms", quiesceWaitNanos / 1e6);
            m.put("wait.disk_ms", diskWaitNanos / 1e6);
            return m;
        });
    }

    /** Closes the store. Does not checkpoint: under durability checkpoint the next open recovers the last one. */
    @Override
    public void close() throws IOException {
        space.maintenance.lock();
        try {
            if (!gate.markClosed()) {
                return;
            }
        } finally {
            space.maintenance.unlock();
        }
        LockSupport.unpark(compactorThread);
        try {
            compactorThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gate.awaitAllOut();
        IOException first = null;
        for (final SingleWriterLog log : logs) {
            if (log == null) {
                continue;
            }
            for (int i = 0; i < SingleWriterLog.SEGMENT_TABLE; i++) {
                final SingleWriterLog.Segment s = log.segmentAt(i);
                if (s != null) {
                    try {
                        controlIo.close(s.fd);
                    } catch (final IOException e) {
                        first = first == null ? e : first;
                    }
                }
            }
        }
        if (!DURABLE) {
            LogRecovery.wipe(space.dataDir);
        }
        arena.close();
        if (first != null) {
            throw first;
        }
    }
}
