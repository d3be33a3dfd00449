package io.jitskit.baselines.lmdb;

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
import io.jitskit.baselines.common.SpecBounds;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/*
 * Layout: one LMDB environment in <dataDir> with two named databases: "data" (user keys and values) and
 * "jitskit.serials" (4-byte session id -> 8-byte serial, plus the last checkpoint id under a 1-byte key).
 *
 * Concurrency: LMDB admits one write transaction at a time (its writer mutex), so writers are serialized by LMDB
 * itself: with two sessions they take turns, which is this baseline's ceiling for write-heavy mixes. rmw, insert
 * and delete run inside one write transaction, hence atomically. Readers never block: each session keeps one read
 * transaction, renewed per read (MDB_NOTLS lets a transaction be reused this way) and reset right after the copy.
 *
 * Durability & recovery: every write transaction holds the data change and the session's serial. Commits skip the
 * fsync (MDB_NOSYNC | MDB_NOMETASYNC); a commit already reached the page cache, so it survives a process kill, and
 * env.sync(true) makes it survive a machine crash:
 *   none:       the directory is cleared at open; nothing is synced.
 *   checkpoint: checkpoint() stops the sessions, writes every session's serial and the checkpoint id in one
 *               transaction, and syncs the environment before returning.
 *   commit:     as checkpoint, and every interval a group-commit thread records all sessions' serials (reads
 *               included) and syncs. A zero interval is declined: it would take a synced write per read.
 *   Recovery opens the environment as LMDB left it and reads the serials that its last commit wrote: the state
 *   and the serials came from the same transactions, so they agree, possibly ahead of the last checkpoint.
 *
 * Spec-card fields exploited: key count and value sizes (map size), durability (sync flags), the access pattern
 * (MDB_NORDAHEAD: point lookups gain nothing from readahead).
 */
final class LmdbStore extends BaselineStore {

    /** Bytes per entry beyond key and value: node header, page fill below 100 %, branch pages. */
    private static final int ENTRY_OVERHEAD = 32;
    private static final long MIB = 1L << 20;
    private static final byte[] CHECKPOINT_ID_KEY = {'C'};

    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> data;
    private final Dbi<ByteBuffer> serials;
    private final GroupCommitter committer;
    private final boolean durable;

    private LmdbStore(final String name, final StoreContext context, final Recovery recovery,
                      final Durability durability, final Map<String, String> config, final Env<ByteBuffer> env,
                      final Dbi<ByteBuffer> data, final Dbi<ByteBuffer> serials) {
        super(name, context, recovery, durability, config);
        this.env = env;
        this.data = data;
        this.serials = serials;
        this.durable = durability.isDurable();
        this.committer = durability.level() == Durability.Level.COMMIT && !durability.groupCommitInterval().isZero()
            ? new GroupCommitter("lmdb-group-commit", durability.groupCommitInterval(), this::groupCommit)
            : null;
    }

    /** Expected bytes of the B+tree for the spec's keys. */
    static long dataBytes(final Spec spec) {
        final SpecBounds b = new SpecBounds(spec);
        return (long) (spec.workload().keyCount() * (b.maxKeyBytes() + b.meanValueBytes() + ENTRY_OVERHEAD) * 1.5);
    }

    static LmdbStore open(final String name, final StoreContext context) throws IOException {
        final Durability required = context.spec().requirements().durability();
        final Path dir = context.dataDir();
        if (required.isDurable()) {
            Files.createDirectories(dir);
        } else {
            DataDirs.clear(dir);
        }
        // Copy-on-write needs room for the old and new versions of touched pages, and a freed page is reused only
        // once no reader's snapshot can see it, so under churn with concurrent readers the file runs ahead of the
        // data. LMDB cannot grow a full map; the map is address space only (the file stays sparse), so be generous.
        final long mapSize = Math.max(1024 * MIB, 4 * dataBytes(context.spec()) + 256 * MIB);
        final List<EnvFlags> flags = new ArrayList<>(List.of(EnvFlags.MDB_NOTLS));
        // Runtime knobs of `jitskit compare --sweep` (-Djitskit.knob.NAME=VALUE); defaults as documented above.
        if (!Boolean.parseBoolean(System.getProperty("jitskit.knob.read_ahead", "false"))) {
            flags.add(EnvFlags.MDB_NORDAHEAD);
        }
        // MDB_WRITEMAP: commits write into the shared map instead of write(2)-ing each dirty page, which LMDB
        // documents as faster when the data fits in RAM (the provider declines cards where it does not); measured
        // 2.5x on ycsb-a-mem. Pages reach the page cache either way, so a process kill loses nothing committed.
        if (Boolean.parseBoolean(System.getProperty("jitskit.knob.write_map", "true"))) {
            flags.add(EnvFlags.MDB_WRITEMAP);
        }
        final boolean syncEveryCommit = required.level() == Durability.Level.COMMIT
            && required.groupCommitInterval().isZero();
        if (!syncEveryCommit) {
            flags.add(EnvFlags.MDB_NOSYNC);
            flags.add(EnvFlags.MDB_NOMETASYNC);
        }
        final Env<ByteBuffer> env;
        try {
            env = Env.create().setMapSize(mapSize).setMaxDbs(2).setMaxReaders(256)
                .open(dir.toFile(), flags.toArray(EnvFlags[]::new));
        } catch (final LmdbException e) {
            throw new IOException("lmdb: cannot open " + dir + ": " + e.getMessage(), e);
        }
        try {
            final Dbi<ByteBuffer> data = env.openDbi("data", DbiFlags.MDB_CREATE);
            final Dbi<ByteBuffer> serialDbi = env.openDbi("jitskit.serials", DbiFlags.MDB_CREATE);
            final TreeMap<Integer, Long> recovered = new TreeMap<>();
            long checkpointId = -1;
            try (Txn<ByteBuffer> txn = env.txnRead();
                 CursorIterable<ByteBuffer> all = serialDbi.iterate(txn, KeyRange.all())) {
                for (final CursorIterable.KeyVal<ByteBuffer> kv : all) {
                    final byte[] k = bytes(kv.key());
                    if (k.length == Serials.KEY_BYTES) {
                        recovered.put(Serials.sessionId(k), Serials.serial(bytes(kv.val())));
                    } else if (k.length == CHECKPOINT_ID_KEY.length) {
                        checkpointId = Serials.serial(bytes(kv.val()));
                    }
                }
            }
            final boolean restored = required.isDurable() && (!recovered.isEmpty() || checkpointId >= 0);
            final Map<String, String> config = new LinkedHashMap<>();
            config.put("map_size", mapSize / MIB + " MiB");
            config.put("env_flags", flags.toString());
            config.put("sync", switch (required.level()) {
                case NONE -> "never";
                case CHECKPOINT -> "env.sync(true) at checkpoint";
                case COMMIT -> syncEveryCommit ? "every commit"
                    : "env.sync(true) every " + required.groupCommitInterval().toMillis() + " ms and at checkpoint";
            });
            config.put("writers", "one write transaction per mutation, serialized by LMDB's writer lock");
            config.put("readers", "one reusable read transaction per session (reset/renew)");
            return new LmdbStore(name, context,
                restored ? new Recovery(true, checkpointId, recovered) : Recovery.none(),
                required, config, env, data, serialDbi);
        } catch (final RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private static byte[] bytes(final ByteBuffer b) {
        final byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Records every session's serial (reads included) in one transaction, then syncs outside the gate. */
    private void groupCommit() throws IOException {
        gate.quiesce(captured -> {
            writeSerials(captured, -1);
            return null;
        });
        sync();
    }

    private void writeSerials(final Map<Integer, Long> captured, final long checkpointId) {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            for (final Map.Entry<Integer, Long> e : captured.entrySet()) {
                serials.put(txn, direct(Serials.key(e.getKey())), direct(Serials.value(e.getValue())));
            }
            if (checkpointId >= 0) {
                serials.put(txn, direct(CHECKPOINT_ID_KEY), direct(Serials.value(checkpointId)));
            }
            txn.commit();
        }
    }

    private void sync() throws IOException {
        try {
            env.sync(true);
        } catch (final LmdbException e) {
            throw new IOException("lmdb: sync failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected GatedSession newSession(final OperationGate.Slot slot) {
        return guarded(slot, () -> new LmdbSession(slot));
    }

    @Override
    public Checkpoint checkpoint() throws IOException {
        if (!durable) {
            throw new UnsupportedOperationException("lmdb was opened for durability none; it takes no checkpoints");
        }
        if (committer != null) {
            committer.check();
        }
        final Checkpoint taken = gate.quiesce(captured -> {
            final long id = nextCheckpointId();
            writeSerials(captured, id);
            return new Checkpoint(id, captured);
        });
        // Outside the gate: the sync covers the checkpoint's transaction and whatever committed since, each with
        // its own serials, so sessions need not wait for the disk.
        sync();
        return taken;
    }

    private static ByteBuffer direct(final byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    @Override
    public void close() throws IOException {
        try {
            if (committer != null) {
                committer.close();
            }
        } finally {
            env.close();
        }
    }

    private final class LmdbSession extends GatedSession {

        private final ByteBuffer keyBuf;
        private final MemorySegment keySeg;
        private final ByteBuffer valueBuf;
        private final MemorySegment valueSeg;
        private final ByteBuffer serialKey;
        private final ByteBuffer serialValue;
        private final Txn<ByteBuffer> reader;

        LmdbSession(final OperationGate.Slot slot) {
            super(gate, slot, LmdbStore.this.bounds);
            keyBuf = ByteBuffer.allocateDirect(bounds.maxKeyBytes());
            keySeg = MemorySegment.ofBuffer(keyBuf);
            valueBuf = ByteBuffer.allocateDirect(bounds.maxValueBytes());
            valueSeg = MemorySegment.ofBuffer(valueBuf);
            serialKey = direct(Serials.key(slot.sessionId()));
            serialValue = ByteBuffer.allocateDirect(Serials.VALUE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            reader = env.txnRead();
            reader.reset();
        }

        private ByteBuffer stageKey(final MemorySegment key) {
            MemorySegment.copy(key, 0, keySeg, 0, key.byteSize());
            return keyBuf.clear().limit((int) key.byteSize());
        }

        private ByteBuffer stageValue(final MemorySegment value, final long length) {
            MemorySegment.copy(value, 0, valueSeg, 0, length);
            return valueBuf.clear().limit((int) length);
        }

        /** Writes the data change's companion: this session's serial, in the same transaction. */
        private void recordSerial(final Txn<ByteBuffer> txn, final long serial) {
            if (durable) {
                serials.put(txn, serialKey.rewind(), serialValue.putLong(0, serial).rewind());
            }
        }

        @Override
        protected int doRead(final MemorySegment key, final MemorySegment out, final long serial) {
            reader.renew();
            try {
                final ByteBuffer found = data.get(reader, stageKey(key));
                // found points into the map and is valid only until reset: copy before.
                return found == null ? NOT_FOUND : deliver(MemorySegment.ofBuffer(found), found.remaining(), out);
            } finally {
                reader.reset();
            }
        }

        @Override
        protected void doUpsert(final MemorySegment key, final MemorySegment value, final long serial) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                data.put(txn, stageKey(key), stageValue(value, value.byteSize()));
                recordSerial(txn, serial);
                txn.commit();
            }
        }

        @Override
        protected long doRmw(final MemorySegment key, final long delta, final MemorySegment initial,
                             final long serial) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                final ByteBuffer found = data.get(txn, stageKey(key));
                final ByteBuffer staged;
                if (found == null) {
                    staged = stageValue(initial, initial.byteSize());
                } else if (found.remaining() < Long.BYTES) {
                    throw new StoreException("rmw add-u64 on a " + found.remaining() + "-byte value: it has no "
                        + "8-byte counter");
                } else {
                    staged = stageValue(MemorySegment.ofBuffer(found), found.remaining());
                }
                final long counter = AddU64.addInPlace(valueSeg, delta);
                data.put(txn, keyBuf.rewind(), staged);
                recordSerial(txn, serial);
                txn.commit();
                return counter;
            }
        }

        @Override
        protected boolean doDelete(final MemorySegment key, final long serial) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                final boolean present = data.delete(txn, stageKey(key));
                if (present) {
                    recordSerial(txn, serial);
                }
                txn.commit();
                return present;
            }
        }

        @Override
        protected boolean doInsert(final MemorySegment key, final MemorySegment value, final long serial) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                if (data.get(txn, stageKey(key)) != null) {
                    return false;
                }
                data.put(txn, keyBuf.rewind(), stageValue(value, value.byteSize()));
                recordSerial(txn, serial);
                txn.commit();
                return true;
            }
        }

        @Override
        protected void closeResources() {
            reader.close();
        }
    }
}
