package io.jitskit.stores.reference;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.MetricNames;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.StoreMetrics;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The reference store is the oracle: every probe of the correctness gate is checked against it, and it is the
 * slowest design the project accepts. It is not a baseline to beat with pride. It is written so that a reader can
 * convince themselves it is correct in one sitting; nothing in it is fast on purpose.
 *
 * Layout
 * ------
 * Memory: one ConcurrentHashMap from Key (an immutable copy of the key's bytes with its hash) to byte[] (an
 * immutable copy of the value). Values are never changed in place: a write installs a new array, so a reader that
 * got an array holds a complete value forever, and torn reads cannot happen.
 *
 * Disk (only when the spec asks for durability; see DataDirectory):
 *
 *   dataDir/LOCK                     exclusive lock while open
 *   dataDir/checkpoint.meta          the last completed checkpoint: snapshot generation, log generation and
 *                                    position, per-session serials (CheckpointMetadata)
 *   dataDir/snapshot-<gen>.dat       every entry as of the start of log <gen> (made by compaction)
 *   dataDir/log-<gen>.dat            every mutation since, in the order the write lock admitted them (LogRecord)
 *
 * Every record carries a CRC32C of its body, the writing session's id and the operation's serial number.
 *
 * Concurrency
 * -----------
 * Reads take no lock: ConcurrentHashMap.get has acquire semantics on the node it returns, and the array it returns
 * was fully written before it was put (the put is the release), so a read sees a complete value of a completed
 * write. Every mutation (upsert, insert, delete, rmw) runs under one ReentrantLock, the write lock: it computes the
 * new value, appends the log record, applies it to the map and sets the session's serial, all before unlocking.
 * Hence the log order is a linearization of all mutations, an rmw is trivially atomic, and a checkpoint taken under
 * the same lock sees, for each session, a serial and a log position that agree exactly. Checkpoints are serialized
 * by a second lock so that their ids increase and only one compaction runs at a time. Cost: writers are serial.
 * That is the point: the oracle's correctness argument fits in this paragraph.
 *
 * Serial numbers: every operation that is not rejected advances its session's serial by one, reads included. An
 * operation rejected by a spec check, or a read into too small a buffer, happened nowhere and takes no serial.
 *
 * Durability & recovery
 * ---------------------
 * NONE: no file is touched; checkpoint() throws UnsupportedOperationException.
 *
 * CHECKPOINT: the log is buffered (256 KiB) and written when the buffer fills. checkpoint(), under the write lock,
 * records every session's serial, writes the buffer out and notes the log position P; then, outside the write lock
 * so writers go on, it fsyncs the log (durable through P) and replaces checkpoint.meta atomically (write a
 * temporary file, fsync, rename, fsync the directory). Only then does it return. Recovery loads the snapshot the
 * checkpoint names, replays the logs to exactly P, truncates whatever follows P (operations of no completed
 * checkpoint) and reports the checkpoint's serials: a per-session prefix, exactly the one the checkpoint reported.
 *
 * COMMIT: as CHECKPOINT, plus a group-commit thread that every interval (at least every millisecond) appends,
 * when they changed, every session's serial in a SERIALS record, writes the buffer out and fsyncs the log; with an
 * interval of zero every mutation also does so itself before it returns. The SERIALS record is what lets recovery
 * report operations that logged nothing (reads, an insert that found its key, a delete that did not): it is taken
 * under the write lock, so like a checkpoint it is a cut that agrees with its log position. Recovery replays every
 * intact record past the checkpoint as well, stops at the first torn or checksum-failing record (a crash cut the
 * last write short), truncates there, and reports per session the largest serial among the checkpoint, the
 * replayed records and the replayed SERIALS records. Because the log is a linearization and records of one session
 * appear in serial order, any intact prefix of the log holds a prefix of each session's mutations, so the state
 * restored is exactly the reported prefixes.
 *
 * Space: when the logs since the last snapshot exceed twice the live data (and 1 MiB), the next checkpoint
 * compacts: under the write lock it copies the map's entries (references only; values are immutable), fsyncs and
 * closes the log, and starts log generation g+1; outside the lock it writes snapshot-<g+1> (temporary, fsync,
 * rename), then the checkpoint naming it, then deletes older generations. Writers pause for the copy, a walk over
 * the live keys that copies references, not bytes, plus one fsync; metrics() reports the longest pause. Acceptable
 * for the oracle; a tuned store must do better.
 * A crash anywhere in this sequence leaves either the old checkpoint with its complete logs, or the new one.
 *
 * Assumptions & guarantees
 * ------------------------
 * - Sessions are used by one thread each, as the SPI requires; the store is safe for any number of sessions.
 * - Keys and values are validated against the spec on every call: key sizes outside the key format throw a
 *   StoreException, value sizes the spec does not allow throw a ValueSizeException (never padded or cut),
 *   operations outside requirements.operations throw an UnsupportedOperationException. Reads are always served,
 *   since every check of the gate is a read.
 * - rmw is add-u64: the first 8 bytes of the value, little-endian, plus delta, wrapping modulo 2^64; an absent key
 *   starts from the caller's initial value. A stored value shorter than 8 bytes cannot take an rmw.
 * - A process crash (SIGKILL) loses at most the buffered tail; a machine crash loses at most what was not fsynced.
 *   Under COMMIT, an operation acknowledged one group-commit interval (plus the fsync's own latency) before a crash
 *   survives it.
 * - Memory is not budgeted: about 100 bytes of overhead per entry on top of key and value. The map allocates a key
 *   copy per operation and a value copy per write; the oracle's hot path is not allocation-free, by choice.
 * - Space is reclaimed only by checkpoints: a COMMIT store that is never checkpointed grows its log without bound.
 */

/**
 * The reference store: a concurrent map plus a simple durable log, the oracle every probe is checked against. Open it
 * with {@link ReferenceStoreProvider}; the design (layout, concurrency, durability, assumptions) is the comment at the
 * top of this file.
 */
public final class ReferenceStore implements Store {

    /** The name the store is registered under. */
    public static final String NAME = "reference";

    /** Logs shorter than this are never compacted, however little live data there is. */
    static final long COMPACTION_FLOOR_BYTES = 1 << 20;

    /** Logs are compacted when they exceed this many times the live data. */
    static final long COMPACTION_RATIO = 2;

    private static final VarHandle COUNTER = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);

    private final Spec spec;
    private final SpecRules rules;
    private final Durability durability;
    private final ConcurrentHashMap<Key, byte[]> map = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, SessionState> sessions = new ConcurrentHashMap<>();
    /** Admits mutations one at a time; guards the log and the fields marked "write lock". */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Serializes checkpoints and close; guards the fields marked "checkpoint lock". */
    private final ReentrantLock checkpointLock = new ReentrantLock();
    /** Null when the spec asks for no durability. */
    private final DataDirectory directory;
    private final boolean syncEveryMutation;
    private final Recovery recovery;
    private Thread groupCommitter;

    /* ---- Guarded by the write lock ---- */
    private LogAppender log;
    private long logGeneration;
    /** Under COMMIT, the serials of the last SERIALS record appended. */
    private Map<Integer, Long> loggedSerials = Map.of();

    /* ---- Guarded by the checkpoint lock ---- */
    private long snapshotGeneration;
    private long nextCheckpointId = 1;

    /* ---- Written under the write or checkpoint lock; volatile so metrics() can read them without ---- */
    private volatile long liveBytes;
    private volatile long logBytesSinceSnapshot;
    private volatile long logBytesWritten;
    private volatile long checkpoints;
    private volatile long compactions;
    private volatile long longestCheckpointPauseNanos;
    private volatile IOException failure;
    private volatile boolean closed;

    private ReferenceStore(final Spec spec, final DataDirectory directory) throws IOException {
        this.spec = spec;
        this.rules = new SpecRules(spec);
        this.durability = spec.requirements().durability();
        this.directory = directory;
        this.syncEveryMutation = durability.level() == Durability.Level.COMMIT
            && durability.groupCommitInterval().isZero();
        this.recovery = directory == null ? Recovery.none() : recover();
    }

    /** Opens the store for {@code context}'s spec, recovering what its data directory holds. */
    static ReferenceStore open(final StoreContext context) throws IOException {
        final Spec spec = context.spec();
        if (!spec.requirements().durability().isDurable()) {
            return new ReferenceStore(spec, null);
        }
        final DataDirectory directory = DataDirectory.lock(context.dataDir());
        final ReferenceStore store;
        try {
            store = new ReferenceStore(spec, directory);
        } catch (final IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
        store.startGroupCommitter();
        return store;
    }

    /* ---- Sessions and operations ---- */

    @Override
    public Session openSession(final int sessionId) {
        requireUsable();
        if (sessionId < 0) {
            throw new IllegalArgumentException("session id must be non-negative, was " + sessionId);
        }
        final SessionState state = sessions.computeIfAbsent(sessionId, id -> new SessionState(id, 0));
        if (!state.acquire()) {
            throw new IllegalStateException("session " + sessionId + " is already open; close it first or use "
                + "another id");
        }
        return new ReferenceSession(this, rules, state);
    }

    /** A log past this many times the live data is compacted by the writer that notices, without a checkpoint call. */
    static final long AUTO_COMPACTION_RATIO = 4;

    /** ... and past this size: small logs are cheap to keep. */
    static final long AUTO_COMPACTION_FLOOR_BYTES = 64L << 20;

    /** One automatic compaction at a time; writers that lose the race go on writing. */
    private final java.util.concurrent.atomic.AtomicBoolean autoCompacting =
        new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Bounds the log (and so the page cache it occupies) when the caller never checkpoints, as a benchmark does: past
     * {@link #AUTO_COMPACTION_RATIO} times the live data, the writer that notices takes a checkpoint, which compacts.
     * An extra checkpoint only makes more of the history durable, so recovery guarantees are unchanged; its serials
     * are what recovery reports, as for any checkpoint.
     */
    void compactIfLogOutgrew() {
        if (!durability.isDurable() || logBytesSinceSnapshot <= Math.max(AUTO_COMPACTION_RATIO * liveBytes,
            AUTO_COMPACTION_FLOOR_BYTES) || !autoCompacting.compareAndSet(false, true)) {
            return;
        }
        try {
            checkpoint();
        } catch (final IOException e) {
            throw new StoreException("reference: automatic compaction failed: " + e.getMessage(), e);
        } finally {
            autoCompacting.set(false);
        }
    }

    /** The value of {@code key}, or null. Lock-free; see "Concurrency". */
    byte[] get(final Key key) {
        requireUsable();
        return map.get(key);
    }

    void upsert(final SessionState session, final Key key, final byte[] value) {
        writeLock.lock();
        try {
            final long serial = nextSerial(session);
            append(LogRecord.PUT, session.id, serial, key, value);
            replaced(key, map.put(key, value), value);
            session.serial = serial;
        } finally {
            writeLock.unlock();
        }
    }

    boolean insert(final SessionState session, final Key key, final byte[] value) {
        writeLock.lock();
        try {
            final long serial = nextSerial(session);
            final boolean absent = !map.containsKey(key);
            if (absent) {
                append(LogRecord.PUT, session.id, serial, key, value);
                replaced(key, map.put(key, value), value);
            }
            session.serial = serial;
            return absent;
        } finally {
            writeLock.unlock();
        }
    }

    boolean delete(final SessionState session, final Key key) {
        writeLock.lock();
        try {
            final long serial = nextSerial(session);
            final boolean present = map.containsKey(key);
            if (present) {
                append(LogRecord.DELETE, session.id, serial, key, null);
                replaced(key, map.remove(key), null);
            }
            session.serial = serial;
            return present;
        } finally {
            writeLock.unlock();
        }
    }

    long rmw(final SessionState session, final Key key, final long delta, final byte[] initial) {
        writeLock.lock();
        try {
            final long serial = nextSerial(session);
            final byte[] current = map.get(key);
            if (current != null && current.length < SpecRules.COUNTER_BYTES) {
                throw new StoreException("rmw add-u64 on a value of " + current.length + " bytes: it has no 8-byte "
                    + "counter; rmw keys must hold values of 8 bytes or more");
            }
            // Copy even the present value: stored arrays are immutable once published to readers.
            final byte[] next = current == null ? initial : current.clone();
            final long counter = (long) COUNTER.get(next, 0) + delta;
            COUNTER.set(next, 0, counter);
            append(LogRecord.PUT, session.id, serial, key, next);
            replaced(key, map.put(key, next), next);
            session.serial = serial;
            return counter;
        } finally {
            writeLock.unlock();
        }
    }

    /** The serial the next operation of {@code session} takes; checks the store can still accept it. */
    private long nextSerial(final SessionState session) {
        requireUsable();
        return session.serial + 1;
    }

    /** Appends a record to the log, if there is one. Write lock held. */
    private void append(final byte type, final int sessionId, final long serial, final Key key, final byte[] value) {
        if (log == null) {
            return;
        }
        try {
            appendCounted(type, sessionId, serial, key.bytes(), value);
            if (syncEveryMutation) {
                log.flush();
                log.force();
            }
        } catch (final IOException e) {
            failure = e;
            throw new UncheckedIOException("reference store: log write failed; the store is closed to writes", e);
        }
    }

    /** Appends one record and counts its bytes. Write lock held. */
    private void appendCounted(final byte type, final int sessionId, final long serial, final byte[] key,
                               final byte[] value) throws IOException {
        final long before = log.position();
        log.append(type, sessionId, serial, key, value);
        final long appended = log.position() - before;
        logBytesSinceSnapshot += appended;
        logBytesWritten += appended;
    }

    /** Under COMMIT, appends the sessions' serials if any moved since the last time. Write lock held. */
    private void appendSerialsIfChanged() throws IOException {
        final Map<Integer, Long> current = new HashMap<>();
        for (final SessionState s : sessions.values()) {
            current.put(s.id, s.serial);
        }
        if (current.equals(loggedSerials)) {
            return;
        }
        final List<Map.Entry<Integer, Long>> entries = new ArrayList<>(current.entrySet());
        for (int from = 0; from < entries.size(); from += LogRecord.SERIALS_PER_RECORD) {
            final int count = Math.min(LogRecord.SERIALS_PER_RECORD, entries.size() - from);
            final ByteBuffer pairs = ByteBuffer.allocate(count * LogRecord.SERIAL_PAIR_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
            for (final Map.Entry<Integer, Long> e : entries.subList(from, from + count)) {
                pairs.putInt(e.getKey()).putLong(e.getValue());
            }
            appendCounted(LogRecord.SERIALS, LogRecord.NO_SESSION, count, null, pairs.array());
        }
        loggedSerials = current;
    }

    /** Keeps {@link #liveBytes} in step with the map. Write lock held (or recovery, single-threaded). */
    private void replaced(final Key key, final byte[] previous, final byte[] next) {
        long live = liveBytes;
        if (previous != null) {
            live -= LogRecord.recordLength(key.length(), previous.length);
        }
        if (next != null) {
            live += LogRecord.recordLength(key.length(), next.length);
        }
        liveBytes = live;
    }

    private void requireUsable() {
        if (closed) {
            throw new IllegalStateException("reference store is closed");
        }
        final IOException failed = failure;
        if (failed != null) {
            throw new UncheckedIOException("reference store failed earlier and accepts no more operations", failed);
        }
    }

    /* ---- Checkpoints ---- */

    @Override
    public Checkpoint checkpoint() throws IOException {
        if (directory == null) {
            throw new UnsupportedOperationException("reference store opened for spec '" + spec.name()
                + "' with durability none keeps nothing to checkpoint; set requirements.durability to checkpoint or "
                + "commit");
        }
        checkpointLock.lock();
        try {
            requireUsable();
            final Map<Integer, Long> serials = new HashMap<>();
            final boolean compact;
            final Key[] keys;
            final byte[][] values;
            final LogAppender checkpointLog;
            final long generation;
            final long position;
            writeLock.lock();
            final long pauseStart = System.nanoTime();
            try {
                for (final SessionState s : sessions.values()) {
                    serials.put(s.id, s.serial);
                }
                log.flush();
                compact = logBytesSinceSnapshot > Math.max(COMPACTION_RATIO * liveBytes, COMPACTION_FLOOR_BYTES);
                if (compact) {
                    // Under the lock the map is frozen (readers change nothing), so this copy is a consistent cut.
                    keys = new Key[map.size()];
                    values = new byte[keys.length][];
                    int i = 0;
                    for (final Map.Entry<Key, byte[]> e : map.entrySet()) {
                        keys[i] = e.getKey();
                        values[i] = e.getValue();
                        i++;
                    }
                    log.force();
                    log.close();
                    generation = logGeneration + 1;
                    log = LogAppender.openAt(directory.log(generation), 0);
                    logGeneration = generation;
                    logBytesSinceSnapshot = 0;
                    checkpointLog = null;
                    position = 0;
                } else {
                    keys = null;
                    values = null;
                    checkpointLog = log;
                    generation = logGeneration;
                    position = log.position();
                }
            } catch (final IOException e) {
                failure = e;
                throw e;
            } finally {
                final long pause = System.nanoTime() - pauseStart;
                writeLock.unlock();
                longestCheckpointPauseNanos = Math.max(longestCheckpointPauseNanos, pause);
            }
            // Writers run again; only this thread touches the files below (the checkpoint lock keeps rolls out).
            if (compact) {
                directory.sync();
                writeSnapshot(generation, keys, values);
            } else {
                checkpointLog.force();
            }
            final long snapshotOfCheckpoint = compact ? generation : snapshotGeneration;
            final CheckpointMetadata metadata = new CheckpointMetadata(nextCheckpointId, snapshotOfCheckpoint,
                generation, position, serials);
            metadata.writeAtomically(directory);
            nextCheckpointId++;
            if (compact) {
                snapshotGeneration = generation;
                directory.deleteGenerationsOutside(generation, Long.MAX_VALUE, generation);
                compactions++;
            }
            checkpoints++;
            return new Checkpoint(metadata.id(), serials);
        } finally {
            checkpointLock.unlock();
        }
    }

    private void writeSnapshot(final long generation, final Key[] keys, final byte[][] values) throws IOException {
        final Path target = directory.snapshot(generation);
        final Path temporary = DataDirectory.temporary(target);
        try (LogAppender out = LogAppender.openAt(temporary, 0)) {
            for (int i = 0; i < keys.length; i++) {
                out.append(LogRecord.PUT, LogRecord.NO_SESSION, 0, keys[i].bytes(), values[i]);
            }
            out.append(LogRecord.END, LogRecord.NO_SESSION, keys.length, null, null);
            out.flush();
            out.force();
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        directory.sync();
    }

    /* ---- Recovery (runs in the constructor, before the store is shared) ---- */

    private Recovery recover() throws IOException {
        directory.deleteTemporaries();
        final CheckpointMetadata checkpoint = CheckpointMetadata.readIfPresent(directory.metadata());
        final boolean replayPastCheckpoint = durability.level() == Durability.Level.COMMIT;
        final long base = checkpoint == null ? 0 : checkpoint.snapshotGeneration();
        final long checkpointGeneration = checkpoint == null ? 0 : checkpoint.logGeneration();
        final long checkpointPosition = checkpoint == null ? 0 : checkpoint.logPosition();
        final Map<Integer, Long> serials = new HashMap<>(checkpoint == null ? Map.of() : checkpoint.serials());
        final int maxBody = LogRecord.maxBodyLength(rules.maxKeyBytes(), rules.maxValueBytes());
        if (base > 0) {
            loadSnapshot(directory.snapshot(base), maxBody);
        }
        final long[] replayed = new long[1];
        final LogScanner.Visitor apply = (type, sessionId, serial, key, value) -> {
            final Key k = Key.wrap(key);
            switch (type) {
                case LogRecord.PUT -> replaced(k, map.put(k, value), value);
                case LogRecord.DELETE -> replaced(k, map.remove(k), null);
                case LogRecord.SERIALS -> {
                    final ByteBuffer pairs = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
                    while (pairs.hasRemaining()) {
                        serials.merge(pairs.getInt(), pairs.getLong(), Math::max);
                    }
                }
                default -> throw new IOException("log record of unknown type " + type + " in " + directory.path());
            }
            serials.merge(sessionId, serial, Math::max);
            replayed[0]++;
        };
        long generation = base;
        long end;
        long bytes = 0;
        while (true) {
            final Path file = directory.log(generation);
            final boolean atCheckpoint = generation == checkpointGeneration;
            if (!Files.exists(file)) {
                if (generation < checkpointGeneration || (atCheckpoint && checkpointPosition > 0)) {
                    throw new IOException(file + ": missing, but checkpoint " + checkpoint.id() + " needs it; the "
                        + "data directory was damaged");
                }
                end = 0;
                break;
            }
            final long limit = atCheckpoint && !replayPastCheckpoint ? checkpointPosition : Long.MAX_VALUE;
            final LogScanner.Result scanned = LogScanner.scan(file, limit, maxBody, apply);
            end = scanned.end();
            bytes += end;
            if (atCheckpoint && end < checkpointPosition) {
                throw new IOException(file + ": intact only to offset " + end + ", but checkpoint " + checkpoint.id()
                    + " made it durable to " + checkpointPosition + "; the data directory was damaged");
            }
            if (generation >= checkpointGeneration && !replayPastCheckpoint) {
                break;
            }
            if (!Files.exists(directory.log(generation + 1))) {
                break;
            }
            if (!scanned.clean()) {
                throw new IOException(file + ": damaged at offset " + end + " although a later log follows it; "
                    + "the data directory was damaged");
            }
            generation++;
        }
        directory.deleteGenerationsOutside(base, generation, base);
        log = LogAppender.openAt(directory.log(generation), end);
        directory.sync();
        logGeneration = generation;
        snapshotGeneration = base;
        logBytesSinceSnapshot = bytes;
        serials.remove(LogRecord.NO_SESSION);
        serials.forEach((id, serial) -> sessions.put(id, new SessionState(id, serial)));
        if (checkpoint != null) {
            nextCheckpointId = checkpoint.id() + 1;
        }
        final boolean restored = checkpoint != null || replayed[0] > 0;
        return restored ? new Recovery(true, checkpoint == null ? -1 : checkpoint.id(), serials) : Recovery.none();
    }

    private void loadSnapshot(final Path file, final int maxBody) throws IOException {
        final long[] counts = {0, -1}; // entries read, entries the END record declares
        final LogScanner.Result scanned = LogScanner.scan(file, Long.MAX_VALUE, maxBody,
            (type, sessionId, serial, key, value) -> {
                if (counts[1] >= 0) {
                    throw new IOException(file + ": records after the END record");
                }
                if (type == LogRecord.END) {
                    counts[1] = serial;
                } else if (type == LogRecord.PUT) {
                    final Key k = Key.wrap(key);
                    replaced(k, map.put(k, value), value);
                    counts[0]++;
                } else {
                    throw new IOException(file + ": snapshot record of type " + type);
                }
            });
        if (!scanned.clean() || counts[1] != counts[0]) {
            throw new IOException(file + ": incomplete snapshot (" + counts[0] + " entries read, END declares "
                + counts[1] + "); it is renamed into place only once complete, so the file was damaged");
        }
    }

    /* ---- Group commit ---- */

    private void startGroupCommitter() {
        if (durability.level() != Durability.Level.COMMIT) {
            return;
        }
        groupCommitter = Thread.ofPlatform().daemon().name("reference-group-commit").start(this::groupCommitLoop);
    }

    private void groupCommitLoop() {
        final long intervalNanos = Math.max(durability.groupCommitInterval().toNanos(),
            TimeUnit.MILLISECONDS.toNanos(1));
        while (!closed) {
            LockSupport.parkNanos(this, intervalNanos);
            if (closed) {
                return;
            }
            final LogAppender current;
            writeLock.lock();
            try {
                if (closed || failure != null) {
                    return;
                }
                appendSerialsIfChanged();
                current = log;
                current.flush();
            } catch (final IOException e) {
                failure = e;
                return;
            } finally {
                writeLock.unlock();
            }
            try {
                current.force();
            } catch (final ClosedChannelException e) {
                // A compaction or close closed this log after forcing it: what we flushed is durable already.
                continue;
            } catch (final IOException e) {
                failure = e;
                return;
            }
        }
    }

    /* ---- Store ---- */

    @Override
    public Recovery recovery() {
        return recovery;
    }

    @Override
    public StoreInfo info() {
        final Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("role", "oracle (correct and slow; not a baseline)");
        configuration.put("durability", durability.level().name().toLowerCase(Locale.ROOT));
        if (durability.level() == Durability.Level.COMMIT) {
            configuration.put("group_commit", durability.groupCommitInterval().toMillis() + " ms");
        }
        if (directory != null) {
            configuration.put("data_dir", directory.path().toString());
            configuration.put("compaction", "log > " + COMPACTION_RATIO + " x live data and > "
                + COMPACTION_FLOOR_BYTES + " bytes, at the next checkpoint");
        }
        return new StoreInfo(NAME, durability, configuration);
    }

    @Override
    public Optional<StoreMetrics> metrics() {
        return Optional.of(() -> {
            final Map<String, Double> m = new LinkedHashMap<>();
            m.put(MetricNames.KEYS, (double) map.size());
            m.put("live.bytes", (double) liveBytes);
            m.put("log.bytes", (double) logBytesSinceSnapshot);
            m.put("log.bytes_written", (double) logBytesWritten);
            m.put("checkpoint.count", (double) checkpoints);
            m.put("checkpoint.compactions", (double) compactions);
            m.put(MetricNames.CHECKPOINT_PAUSE_MAX_MS, longestCheckpointPauseNanos / 1e6);
            return m;
        });
    }

    /**
     * Closes the store. Under {@code COMMIT} the log is written and fsynced first, so every acknowledged operation
     * survives; under {@code CHECKPOINT} what follows the last checkpoint is dropped at the next open, as after a
     * crash.
     */
    @Override
    public void close() throws IOException {
        checkpointLock.lock();
        try {
            if (closed) {
                return;
            }
            writeLock.lock();
            try {
                closed = true;
            } finally {
                writeLock.unlock();
            }
            final Thread committer = groupCommitter;
            if (committer != null) {
                LockSupport.unpark(committer);
                try {
                    committer.join(TimeUnit.SECONDS.toMillis(10));
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (directory != null) {
                writeLock.lock();
                try (LogAppender last = log) {
                    if (durability.level() == Durability.Level.COMMIT && failure == null) {
                        appendSerialsIfChanged();
                        last.flush();
                        last.force();
                    }
                } finally {
                    writeLock.unlock();
                    directory.close();
                }
            }
            map.clear();
        } finally {
            checkpointLock.unlock();
        }
    }
}
