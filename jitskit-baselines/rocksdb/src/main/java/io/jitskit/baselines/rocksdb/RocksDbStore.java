package io.jitskit.baselines.rocksdb;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.baselines.common.AddU64;
import io.jitskit.baselines.common.BaselineStore;
import io.jitskit.baselines.common.DataDirs;
import io.jitskit.baselines.common.GatedSession;
import io.jitskit.baselines.common.GroupCommitter;
import io.jitskit.baselines.common.OperationGate;
import io.jitskit.baselines.common.Serials;
import io.jitskit.spec.Durability;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/*
 * Layout: one RocksDB in <dataDir>/live with two column families: "default" holds the user's keys and values,
 * "jitskit.serials" holds one entry per session (4-byte id -> 8-byte serial) plus the last checkpoint id under a
 * 1-byte key. Checkpoints, for durability checkpoint, are RocksDB Checkpoints in <dataDir>/checkpoints/cp-<id>,
 * published by atomically replacing <dataDir>/CHECKPOINT with the id.
 *
 * Concurrency: reads go straight to RocksDB (a get is atomic per key). Mutations take one of 256 striped locks by
 * key, because rmw (get, add, put), insert and delete-returning-presence are read-then-write sequences: RocksDB's
 * merge operator would make rmw a blind write, but a custom add-u64 merge needs C++ (rocksdbjni ships only the
 * built-in operators), and a TransactionDB costs a lock manager per write. Stripes serialize only same-stripe
 * writers; two threads rarely collide.
 *
 * Durability & recovery, by the card's level:
 *   none:       WAL off (disableWAL), the directory is cleared at open.
 *   checkpoint: WAL off. checkpoint() stops the sessions (OperationGate), writes every session's serial into the
 *               serials family, creates a RocksDB Checkpoint (which flushes the memtables: without a WAL it must),
 *               fsyncs it and publishes its id. Recovery discards the live directory and rebuilds it from the
 *               published checkpoint (SSTs hard-linked, the rest copied), so the state is exactly the checkpoint
 *               and the serials come from inside it. Background flushes of the live DB never matter.
 *   commit:     WAL on. Every mutation is one WriteBatch holding the data change and the session's serial, so the
 *               WAL replays them together; every interval a group-commit thread records all sessions' serials
 *               (reads included, captured at the gate) and calls syncWal(). A zero interval is declined: it would
 *               take a synced write per read. Recovery is RocksDB's own WAL replay of the live directory.
 *
 * Spec-card fields exploited: memory budget (block cache, memtables), medium (direct I/O), key count and sizes
 * (staging buffers), durability (WAL and checkpoint mode).
 */
final class RocksDbStore extends BaselineStore {

    static {
        RocksDB.loadLibrary();
    }

    private enum Mode { VOLATILE, SNAPSHOT, LOGGED }

    private static final byte[] SERIALS_FAMILY = "jitskit.serials".getBytes(StandardCharsets.UTF_8);
    /** 1 byte: cannot collide with the 4-byte session keys in the same family. */
    private static final byte[] CHECKPOINT_ID_KEY = {'C'};
    private static final int STRIPES = 256;
    private static final ValueLayout.OfLong KEY_PREFIX =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Mode mode;
    private final RocksDB db;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle serials;
    private final WriteOptions writeOptions;
    private final List<AutoCloseable> resources;
    private final Path checkpointsDir;
    private final Path pointer;
    private final GroupCommitter committer;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    private RocksDbStore(final String name, final StoreContext context, final Mode mode, final Durability durability,
                         final Recovery recovery, final Map<String, String> configuration, final Handles h) {
        super(name, context, recovery, durability, configuration);
        this.mode = mode;
        this.db = h.db;
        this.data = h.data;
        this.serials = h.serials;
        this.writeOptions = h.writeOptions;
        this.resources = h.resources;
        this.checkpointsDir = context.dataDir().resolve("checkpoints");
        this.pointer = context.dataDir().resolve("CHECKPOINT");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        final Duration interval = durability.groupCommitInterval();
        this.committer = mode == Mode.LOGGED && !interval.isZero()
            ? new GroupCommitter("rocksdb-group-commit", interval, this::groupCommit)
            : null;
    }

    static RocksDbStore open(final String name, final StoreContext context) throws IOException {
        final Durability required = context.spec().requirements().durability();
        final Mode mode = switch (required.level()) {
            case NONE -> Mode.VOLATILE;
            case CHECKPOINT -> Mode.SNAPSHOT;
            case COMMIT -> Mode.LOGGED;
        };
        final Path dir = context.dataDir();
        final Path live = dir.resolve("live");
        long restoredCheckpoint = -1;
        switch (mode) {
            case VOLATILE -> DataDirs.clear(dir);
            case SNAPSHOT -> {
                final var published = DataDirs.readPublished(dir.resolve("CHECKPOINT"));
                if (published.isPresent()) {
                    restoredCheckpoint = Long.parseLong(new String(published.get(), StandardCharsets.US_ASCII));
                    restoreLive(dir.resolve("checkpoints").resolve("cp-" + restoredCheckpoint), live);
                } else {
                    DataDirs.clear(dir);
                }
            }
            case LOGGED -> Files.createDirectories(dir);
        }
        Files.createDirectories(live);
        final RocksDbTuning tuning = RocksDbTuning.of(context.spec());
        final Handles h = openDb(live, tuning, mode, required);
        try {
            final TreeMap<Integer, Long> serials = new TreeMap<>();
            long checkpointId = restoredCheckpoint;
            try (RocksIterator it = h.db.newIterator(h.serials)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    final byte[] k = it.key();
                    if (k.length == Serials.KEY_BYTES) {
                        serials.put(Serials.sessionId(k), Serials.serial(it.value()));
                    } else if (Arrays.equals(k, CHECKPOINT_ID_KEY)) {
                        checkpointId = Serials.serial(it.value());
                    }
                }
            }
            final boolean restored = mode != Mode.VOLATILE && (restoredCheckpoint >= 0 || !serials.isEmpty());
            final Recovery recovery = restored ? new Recovery(true, checkpointId, serials) : Recovery.none();
            final Durability offered = switch (mode) {
                case VOLATILE -> Durability.none();
                case SNAPSHOT -> Durability.checkpoint();
                case LOGGED -> required;
            };
            final Map<String, String> config = new LinkedHashMap<>(tuning.describe());
            config.put("wal", switch (mode) {
                case VOLATILE -> "off (disableWAL)";
                case SNAPSHOT -> "off (disableWAL); checkpoint = RocksDB Checkpoint with memtable flush + fsync";
                case LOGGED -> required.groupCommitInterval().isZero() ? "on, sync every write"
                    : "on, syncWal every " + required.groupCommitInterval().toMillis() + " ms";
            });
            config.put("rmw", "striped lock (" + STRIPES + ") + get/put; merge operator needs C++");
            config.put("rocksdb.version", RocksDB.rocksdbVersion().toString());
            return new RocksDbStore(name, context, mode, offered, recovery, config, h);
        } catch (final RuntimeException | Error e) {
            h.close();
            throw e;
        }
    }

    /** What one open DB owns, closed in reverse order. */
    private record Handles(RocksDB db, ColumnFamilyHandle data, ColumnFamilyHandle serials,
                           WriteOptions writeOptions, List<AutoCloseable> resources) {
        void close() {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (final Exception ignored) {
                    // closing native handles after a failed open: the first failure is what the caller reports
                }
            }
        }
    }

    private static Handles openDb(final Path live, final RocksDbTuning t, final Mode mode, final Durability required)
        throws IOException {
        final List<AutoCloseable> resources = new ArrayList<>();
        try {
            final LRUCache cache = add(resources, new LRUCache(t.blockCacheBytes()));
            final BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setWholeKeyFiltering(true)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                // The hash index inside data blocks is the point-lookup optimization (optimizeForPointLookup sets
                // it too, but with its own cache; we keep ours so the budget holds).
                .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash)
                .setDataBlockHashTableUtilRatio(0.75);
            if (t.bloomBitsPerKey() > 0) {
                table.setFilterPolicy(add(resources, new BloomFilter(t.bloomBitsPerKey(), false)));
            }
            final ColumnFamilyOptions dataOptions = add(resources, new ColumnFamilyOptions()
                .setWriteBufferSize(t.writeBufferBytes())
                .setMaxWriteBufferNumber(t.maxWriteBuffers())
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setMemtableWholeKeyFiltering(true)
                .setMemtablePrefixBloomSizeRatio(0.02)
                .setTableFormatConfig(table));
            final ColumnFamilyOptions serialOptions = add(resources, new ColumnFamilyOptions()
                .setWriteBufferSize(1L << 20));
            final DBOptions dbOptions = add(resources, new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(t.backgroundJobs())
                .setUseDirectReads(t.directIo())
                .setUseDirectIoForFlushAndCompaction(t.directIo())
                // Both families flush together, so a flushed state never holds data without its serials.
                .setAtomicFlush(true));
            final WriteOptions writeOptions = add(resources, new WriteOptions()
                .setDisableWAL(mode != Mode.LOGGED)
                .setSync(mode == Mode.LOGGED && required.groupCommitInterval().isZero()));
            final List<ColumnFamilyHandle> handles = new ArrayList<>();
            final RocksDB db = RocksDB.open(dbOptions, live.toString(), List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, dataOptions),
                new ColumnFamilyDescriptor(SERIALS_FAMILY, serialOptions)), handles);
            handles.forEach(handle -> resources.add(handle));
            resources.add(db::closeE);
            // Handles close before the DB: move the DB's closer ahead of them in reverse order.
            resources.removeAll(handles);
            resources.addAll(handles);
            return new Handles(db, handles.get(0), handles.get(1), writeOptions, resources);
        } catch (final RocksDBException e) {
            new Handles(null, null, null, null, resources).close();
            throw new IOException("rocksdb: cannot open " + live + ": " + e.getMessage(), e);
        }
    }

    private static <T extends AutoCloseable> T add(final List<AutoCloseable> resources, final T resource) {
        resources.add(resource);
        return resource;
    }

    /** Rebuilds the live DB from a published checkpoint: immutable SSTs hard-linked, the rest copied. */
    private static void restoreLive(final Path checkpoint, final Path live) throws IOException {
        if (!Files.isDirectory(checkpoint)) {
            throw new IOException(checkpoint + ": the published checkpoint is missing; the data directory was "
                + "changed by hand or lost, recreate the store");
        }
        DataDirs.clear(live);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(checkpoint)) {
            for (final Path f : files) {
                final Path target = live.resolve(f.getFileName());
                if (f.getFileName().toString().endsWith(".sst")) {
                    Files.createLink(target, f);
                } else {
                    Files.copy(f, target);
                    DataDirs.fsync(target);
                }
            }
        }
        DataDirs.fsyncDirectory(live);
    }

    @Override
    protected GatedSession newSession(final OperationGate.Slot slot) {
        return guarded(slot, () -> new RocksDbSession(slot));
    }

    @Override
    public Checkpoint checkpoint() throws IOException {
        if (committer != null) {
            committer.check();
        }
        return switch (mode) {
            case VOLATILE -> throw new UnsupportedOperationException(
                "rocksdb was opened for durability none (WAL off, no checkpoints)");
            case SNAPSHOT -> snapshotCheckpoint();
            case LOGGED -> loggedCheckpoint();
        };
    }

    private Checkpoint loggedCheckpoint() throws IOException {
        final Checkpoint taken = gate.quiesce(captured -> {
            final long id = nextCheckpointId();
            try (WriteOptions synced = new WriteOptions().setSync(true)) {
                writeSerials(captured, id, synced);
            }
            return new Checkpoint(id, captured);
        });
        // The WAL already makes the checkpoint durable. Flushing the memtables afterwards, with sessions running,
        // lets RocksDB delete the WAL files they covered, so the log does not grow until a memtable fills.
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, List.of(data, serials));
        } catch (final RocksDBException e) {
            throw new IOException("rocksdb: flush after checkpoint " + taken.id() + " failed: " + e.getMessage(), e);
        }
        return taken;
    }

    private Checkpoint snapshotCheckpoint() throws IOException {
        final Checkpoint taken = gate.quiesce(captured -> {
            final long id = nextCheckpointId();
            final Path target = checkpointsDir.resolve("cp-" + id);
            DataDirs.deleteRecursively(target);
            Files.createDirectories(checkpointsDir);
            writeSerials(captured, id, writeOptions);
            try (org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(db)) {
                // Without a WAL, CreateCheckpoint flushes the memtables first, so the snapshot holds every write
                // up to the captured serials, and no session runs until it is done.
                cp.createCheckpoint(target.toString());
            } catch (final RocksDBException e) {
                throw new IOException("rocksdb: checkpoint " + id + " failed: " + e.getMessage(), e);
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(target)) {
                for (final Path f : files) {
                    DataDirs.fsync(f);
                }
            }
            DataDirs.fsyncDirectory(target);
            DataDirs.fsyncDirectory(checkpointsDir);
            DataDirs.publish(pointer, Long.toString(id).getBytes(StandardCharsets.US_ASCII));
            return new Checkpoint(id, captured);
        });
        // Older checkpoints are garbage once the pointer names the new one; sessions already run again.
        try (DirectoryStream<Path> old = Files.newDirectoryStream(checkpointsDir, "cp-*")) {
            for (final Path p : old) {
                if (!p.getFileName().toString().equals("cp-" + taken.id())) {
                    DataDirs.deleteRecursively(p);
                }
            }
        }
        return taken;
    }

    private void writeSerials(final Map<Integer, Long> captured, final long checkpointId, final WriteOptions options)
        throws IOException {
        try (WriteBatch batch = new WriteBatch()) {
            for (final Map.Entry<Integer, Long> e : captured.entrySet()) {
                batch.put(serials, Serials.key(e.getKey()), Serials.value(e.getValue()));
            }
            if (checkpointId >= 0) {
                batch.put(serials, CHECKPOINT_ID_KEY, Serials.value(checkpointId));
            }
            db.write(options, batch);
        } catch (final RocksDBException e) {
            throw new IOException("rocksdb: writing checkpoint serials failed: " + e.getMessage(), e);
        }
    }

    /**
     * One group commit: record every session's serial (reads advance serials but write nothing, and an
     * acknowledged read must be recovered too), then sync the WAL. The serials are captured with the sessions
     * stopped for the few microseconds of a memtable insert; the fsync runs after they resume.
     */
    private void groupCommit() throws IOException {
        gate.quiesce(captured -> {
            writeSerials(captured, -1, writeOptions);
            return null;
        });
        syncWal();
    }

    private void syncWal() throws IOException {
        try {
            db.syncWal();
        } catch (final RocksDBException e) {
            throw new IOException("rocksdb: WAL sync failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (committer != null) {
                committer.close();
            }
        } finally {
            new Handles(db, data, serials, writeOptions, resources).close();
        }
    }

    private ReentrantLock stripeOf(final MemorySegment key) {
        // Keys are at least 8 bytes; their first 8 carry the (permuted) id. Fibonacci hashing spreads them.
        final long h = key.get(KEY_PREFIX, 0) * 0x9E3779B97F4A7C15L;
        return stripes[(int) (h >>> 56) & (STRIPES - 1)];
    }

    private static StoreException failed(final String op, final RocksDBException e) {
        return new StoreException("rocksdb " + op + " failed: " + e.getMessage(), e);
    }

    /**
     * Stages keys and values in direct buffers owned by the session: rocksdbjni's ByteBuffer API then passes their
     * addresses to C++ without a Java array per call.
     */
    private final class RocksDbSession extends GatedSession {

        private final ByteBuffer keyBuf;
        private final MemorySegment keySeg;
        private final ByteBuffer valueBuf;
        private final MemorySegment valueSeg;
        private final ByteBuffer serialKey;
        private final ByteBuffer serialValue;
        private final ReadOptions readOptions = new ReadOptions();
        private final WriteBatch batch;

        RocksDbSession(final OperationGate.Slot slot) {
            super(gate, slot, RocksDbStore.this.bounds);
            keyBuf = ByteBuffer.allocateDirect(bounds.maxKeyBytes());
            keySeg = MemorySegment.ofBuffer(keyBuf);
            valueBuf = ByteBuffer.allocateDirect(bounds.maxValueBytes());
            valueSeg = MemorySegment.ofBuffer(valueBuf);
            serialKey = ByteBuffer.allocateDirect(Serials.KEY_BYTES).put(Serials.key(slot.sessionId()));
            serialValue = ByteBuffer.allocateDirect(Serials.VALUE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            batch = mode == Mode.LOGGED ? new WriteBatch() : null;
        }

        private void stageKey(final MemorySegment key) {
            MemorySegment.copy(key, 0, keySeg, 0, key.byteSize());
            keyBuf.clear().limit((int) key.byteSize());
        }

        private void stageValue(final MemorySegment value) {
            MemorySegment.copy(value, 0, valueSeg, 0, value.byteSize());
            valueBuf.clear().limit((int) value.byteSize());
        }

        /** Reads the staged key's value into valueBuf; its length or RocksDB.NOT_FOUND. */
        private int fetch() {
            valueBuf.clear();
            try {
                final int n = db.get(data, readOptions, keyBuf, valueBuf);
                keyBuf.rewind();
                if (n > valueBuf.capacity()) {
                    throw new StoreException("rocksdb holds a " + n + "-byte value, above the spec's largest "
                        + bounds.maxValueBytes() + "; the data directory belongs to another spec");
                }
                return n;
            } catch (final RocksDBException e) {
                throw failed("get", e);
            }
        }

        /** Writes the staged key and the first {@code length} bytes of valueBuf. */
        private void store(final int length, final long serial) {
            valueBuf.position(0).limit(length);
            try {
                if (batch == null) {
                    db.put(data, writeOptions, keyBuf, valueBuf);
                } else {
                    batch.clear();
                    batch.put(data, keyBuf, valueBuf);
                    batch.put(serials, serialKey.rewind(), serialValue.putLong(0, serial).rewind());
                    db.write(writeOptions, batch);
                }
            } catch (final RocksDBException e) {
                throw failed("put", e);
            }
        }

        @Override
        protected int doRead(final MemorySegment key, final MemorySegment out, final long serial) {
            stageKey(key);
            final int n = fetch();
            return n == RocksDB.NOT_FOUND ? NOT_FOUND : deliver(valueSeg, n, out);
        }

        @Override
        protected void doUpsert(final MemorySegment key, final MemorySegment value, final long serial) {
            final ReentrantLock lock = stripeOf(key);
            lock.lock();
            try {
                stageKey(key);
                stageValue(value);
                store((int) value.byteSize(), serial);
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected long doRmw(final MemorySegment key, final long delta, final MemorySegment initial,
                             final long serial) {
            final ReentrantLock lock = stripeOf(key);
            lock.lock();
            try {
                stageKey(key);
                int n = fetch();
                if (n == RocksDB.NOT_FOUND) {
                    stageValue(initial);
                    n = (int) initial.byteSize();
                } else if (n < Long.BYTES) {
                    throw new StoreException("rmw add-u64 on a " + n + "-byte value: it has no 8-byte counter");
                }
                final long counter = AddU64.addInPlace(valueSeg, delta);
                store(n, serial);
                return counter;
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected boolean doDelete(final MemorySegment key, final long serial) {
            final ReentrantLock lock = stripeOf(key);
            lock.lock();
            try {
                stageKey(key);
                if (!db.keyExists(data, readOptions, keyBuf)) {
                    return false;
                }
                keyBuf.rewind();
                if (batch == null) {
                    db.delete(data, writeOptions, keyBuf);
                } else {
                    batch.clear();
                    batch.delete(data, keyBuf);
                    batch.put(serials, serialKey.rewind(), serialValue.putLong(0, serial).rewind());
                    db.write(writeOptions, batch);
                }
                return true;
            } catch (final RocksDBException e) {
                throw failed("delete", e);
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected boolean doInsert(final MemorySegment key, final MemorySegment value, final long serial) {
            final ReentrantLock lock = stripeOf(key);
            lock.lock();
            try {
                stageKey(key);
                if (db.keyExists(data, readOptions, keyBuf)) {
                    return false;
                }
                keyBuf.rewind();
                stageValue(value);
                store((int) value.byteSize(), serial);
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected void closeResources() {
            readOptions.close();
            if (batch != null) {
                batch.close();
            }
        }
    }
}
