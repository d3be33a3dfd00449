package io.jitskit.baselines.mvstore;

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
import io.jitskit.baselines.common.SpecBounds;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/*
 * Layout: one MVStore file <dataDir>/store.mv with two maps: "data" (Long keys for 8-byte ids, byte[] keys
 * otherwise; byte[] values) and "jitskit.serials" (session id -> serial, and -1 -> last checkpoint id).
 *
 * Concurrency: MVMap is a concurrent copy-on-write B-tree: gets are lock-free, puts are atomic per key. rmw,
 * insert and delete-returning-presence are read-then-write, so mutations take one of 256 striped locks by key.
 * Values are fresh arrays per write, never changed in place, so readers see no torn value.
 *
 * Durability & recovery: autocommit is off (autoCommitDisabled), so MVStore writes a new version to its file only
 * when the adapter commits. checkpoint() stops the sessions, puts every serial in the serials map, commit()s and
 * sync()s: data and serials land in one MVStore version, which is what a reopen restores. For commit durability a
 * group-commit thread does the same every interval (sessions pause for each one). For none the file is deleted at
 * open.
 *
 * Spec-card fields exploited: memory budget (page cache size), key format (Long keys), durability.
 */
final class MvStoreStore extends BaselineStore {

    private static final int STRIPES = 256;
    private static final long MIB = 1L << 20;
    private static final int CHECKPOINT_ID_ENTRY = -1;
    /** Chunks less full than this (percent) are rewritten at checkpoints, so overwritten values give space back. */
    private static final int COMPACT_FILL_RATE = 50;
    private static final int COMPACT_BYTES_PER_CHECKPOINT = 4 << 20;
    /** Bytes per entry on the heap beyond key and value: boxed key, array header, page slot, page overhead. */
    private static final int ENTRY_OVERHEAD = 64;
    /** Live heap to the heap a copy-on-write tree under G1 grows to before it collects. */
    private static final double HEAP_GROWTH = 2.0;
    /** Bytes per entry in the file beyond key and value: lengths and page headers, amortized. */
    private static final int FILE_ENTRY_OVERHEAD = 16;
    private static final ValueLayout.OfLong KEY_ID =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MVStore store;
    private final MVMap<Object, byte[]> data;
    private final MVMap<Integer, Long> serials;
    private final boolean id8;
    private final boolean durable;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final GroupCommitter committer;

    private MvStoreStore(final String name, final StoreContext context, final Recovery recovery,
                         final Durability durability, final Map<String, String> config, final MVStore store) {
        super(name, context, recovery, durability, config);
        this.store = store;
        this.data = store.openMap("data");
        this.serials = store.openMap("jitskit.serials");
        this.id8 = bounds.fixedId8Keys();
        this.durable = durability.isDurable();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.committer = durability.level() == Durability.Level.COMMIT
            ? new GroupCommitter("mvstore-group-commit", durability.groupCommitInterval(), this::checkpoint)
            : null;
    }

    /**
     * The memory the card's data costs MVStore: its pages on the heap, twice over because every put copies its leaf
     * and the collector needs room for those copies, plus, for durable cards, the file the checkpoints write, which
     * the page cache keeps and the budget charges.
     */
    static long footprintBytes(final Spec spec) {
        final SpecBounds b = new SpecBounds(spec);
        final double entry = b.maxKeyBytes() + b.meanValueBytes();
        final double heap = HEAP_GROWTH * spec.workload().keyCount() * (entry + ENTRY_OVERHEAD);
        final double file = spec.requirements().durability().isDurable()
            ? spec.workload().keyCount() * (entry + FILE_ENTRY_OVERHEAD) : 0;
        return (long) (heap + file);
    }

    static MvStoreStore open(final String name, final StoreContext context) throws IOException {
        final Durability required = context.spec().requirements().durability();
        if (required.level() == Durability.Level.COMMIT && required.groupCommitInterval().isZero()) {
            throw new UnsupportedOperationException(name + " cannot commit every operation; give the card a "
                + "group-commit interval");
        }
        final Path dir = context.dataDir();
        if (required.isDurable()) {
            Files.createDirectories(dir);
        } else {
            DataDirs.clear(dir);
        }
        // cacheSize (MiB): MVStore's page cache, a quarter of the usable bytes; the rest is the heap's
        // uncommitted pages and the JVM.
        final int cacheMb = (int) Math.max(8, context.spec().environment().usableBytes() / 4 / MIB);
        final MVStore store;
        try {
            store = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).cacheSize(cacheMb)
                .autoCommitDisabled().open();
        } catch (final MVStoreException e) {
            throw new IOException("mvstore: cannot open " + dir + ": " + e.getMessage(), e);
        }
        // retentionTime 0: a freed chunk is reusable at the next commit. MVStore keeps old chunks 45 s by default
        // for readers of old versions after an unsynced crash; every commit here is followed by a sync.
        store.setRetentionTime(0);
        final MVMap<Integer, Long> stored = store.openMap("jitskit.serials");
        final TreeMap<Integer, Long> recovered = new TreeMap<>();
        long checkpointId = -1;
        for (final Map.Entry<Integer, Long> e : stored.entrySet()) {
            if (e.getKey() == CHECKPOINT_ID_ENTRY) {
                checkpointId = e.getValue();
            } else {
                recovered.put(e.getKey(), e.getValue());
            }
        }
        final boolean restored = required.isDurable() && checkpointId >= 0;
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("cacheSize", cacheMb + " MiB");
        config.put("autoCommit", "disabled");
        config.put("retentionTime", "0 (sync after every commit)");
        config.put("compact", "fill rate < " + COMPACT_FILL_RATE + " %, up to " + (COMPACT_BYTES_PER_CHECKPOINT >> 20)
            + " MiB per checkpoint");
        config.put("persist", switch (required.level()) {
            case NONE -> "never (file deleted at open)";
            case CHECKPOINT -> "commit() + sync() at checkpoint";
            case COMMIT -> "commit() + sync() every " + required.groupCommitInterval().toMillis() + " ms";
        });
        config.put("rmw", "striped lock (" + STRIPES + ") + get/put");
        return new MvStoreStore(name, context,
            restored ? new Recovery(true, checkpointId, recovered) : Recovery.none(), required, config, store);
    }

    @Override
    protected GatedSession newSession(final OperationGate.Slot slot) {
        return new MvSession(slot);
    }

    @Override
    public Checkpoint checkpoint() throws IOException {
        if (!durable) {
            throw new UnsupportedOperationException("mvstore was opened for durability none; it takes no checkpoints");
        }
        return gate.quiesce(captured -> {
            final long id = nextCheckpointId();
            serials.putAll(captured);
            serials.put(CHECKPOINT_ID_ENTRY, id);
            try {
                // Compaction commits too, so it runs here, inside the gate, or it would persist writes that no
                // captured serial describes. A bounded amount per checkpoint keeps the pause short.
                store.compact(COMPACT_FILL_RATE, COMPACT_BYTES_PER_CHECKPOINT);
                store.commit();
                store.sync();
            } catch (final MVStoreException e) {
                throw new IOException("mvstore: commit of checkpoint " + id + " failed: " + e.getMessage(), e);
            }
            return new Checkpoint(id, captured);
        });
    }

    @Override
    public void close() throws IOException {
        try {
            if (committer != null) {
                committer.close();
            }
        } finally {
            // closeImmediately: close() would commit, and closing must not make anything durable.
            store.closeImmediately();
        }
    }

    private Object keyOf(final MemorySegment key) {
        return id8 ? Long.valueOf(key.get(KEY_ID, 0)) : new KeyBytes(key.toArray(ValueLayout.JAVA_BYTE));
    }

    private ReentrantLock stripeOf(final MemorySegment key) {
        final long h = key.get(KEY_ID, 0) * 0x9E3779B97F4A7C15L;
        return stripes[(int) (h >>> 56) & (STRIPES - 1)];
    }

    private final class MvSession extends GatedSession {

        MvSession(final OperationGate.Slot slot) {
            super(gate, slot, MvStoreStore.this.bounds);
        }

        @Override
        protected int doRead(final MemorySegment key, final MemorySegment out, final long serial) {
            final byte[] value = data.get(keyOf(key));
            return value == null ? NOT_FOUND : deliver(MemorySegment.ofArray(value), value.length, out);
        }

        @Override
        protected void doUpsert(final MemorySegment key, final MemorySegment value, final long serial) {
            final ReentrantLock lock = stripeOf(key);
            lock.lock();
            try {
                data.put(keyOf(key), value.toArray(ValueLayout.JAVA_BYTE));
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
                final Object k = keyOf(key);
                final byte[] old = data.get(k);
                if (old != null && old.length < Long.BYTES) {
                    throw new StoreException("rmw add-u64 on a " + old.length + "-byte value: it has no 8-byte "
                        + "counter");
                }
                final byte[] next = old == null ? initial.toArray(ValueLayout.JAVA_BYTE) : old.clone();
                final long counter = AddU64.addInPlace(next, delta);
                data.put(k, next);
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
                return data.remove(keyOf(key)) != null;
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected boolean doInsert(final MemorySegment key, final MemorySegment value, final long serial) {
            final ReentrantLock lock = stripeOf(key);
            lock.lock();
            try {
                return data.putIfAbsent(keyOf(key), value.toArray(ValueLayout.JAVA_BYTE)) == null;
            } finally {
                lock.unlock();
            }
        }
    }
}
