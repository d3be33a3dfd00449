package io.jitskit.gate.gallery;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A durable store for the crash gallery: a map, and a checkpoint that writes the whole map and every session's serial
 * to {@code snapshot} (temporary file, fsync, atomic rename, directory fsync). Operations hold a shared lock and the
 * checkpoint's copy an exclusive one, so the copy is a consistent cut and the serials it reports are exactly its
 * prefix. Two flawed variants:
 * <ul>
 *   <li>{@link Flaw#NO_FSYNC}: the checkpoint never fsyncs; the operating system keeps the data across a process
 *       crash, a power loss does not. Caught only by the crash tests' fault mode.</li>
 *   <li>{@link Flaw#UNPERSISTED_PREFIX}: the checkpoint copies the map without the lock while writers run and reads
 *       the serials afterwards, so it reports a prefix its file does not hold. Caught by the crash tests' exact-state
 *       check.</li>
 *   <li>{@link Flaw#QUIESCED_WRITE}: correct, but the checkpoint writes and fsyncs the snapshot while it holds the
 *       exclusive lock, so every writer waits for the whole file: the stop-the-world checkpoint a card's
 *       {@code max-writer-pause} exists to reject. Caught by the checkpoint-under-writes probe.</li>
 * </ul>
 */
public final class SnapshotStore extends GalleryStore {

    enum Flaw { NONE, NO_FSYNC, UNPERSISTED_PREFIX, LATE_STALE_SNAPSHOT, QUIESCED_WRITE }

    private static final String SNAPSHOT = "snapshot";

    private final Flaw flaw;
    private final Path dir;
    private final ConcurrentHashMap<Long, byte[]> map = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock cut = new ReentrantReadWriteLock();
    private final Recovery recovery;
    private long nextCheckpoint = 1;
    private final long opened = System.nanoTime();
    /** What the last checkpoint wrote: a late stale snapshot writes it again instead of the map. */
    private Map<Long, byte[]> lastWritten = Map.of();

    SnapshotStore(final StoreContext context, final Flaw flaw) throws IOException {
        super(context, "gallery-snapshot-" + flaw.name().toLowerCase(java.util.Locale.ROOT));
        this.flaw = flaw;
        this.dir = context.dataDir();
        Files.createDirectories(dir);
        this.recovery = recover();
    }

    private Recovery recover() throws IOException {
        final Path file = dir.resolve(SNAPSHOT);
        if (!Files.exists(file)) {
            return Recovery.none();
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
            Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ))))) {
            final int entries = in.readInt();
            for (int i = 0; i < entries; i++) {
                final long key = in.readLong();
                map.put(key, in.readNBytes(in.readInt()));
            }
            final int sessions = in.readInt();
            final Map<Integer, Long> restored = new HashMap<>();
            for (int i = 0; i < sessions; i++) {
                final int id = in.readInt();
                final long serial = in.readLong();
                restored.put(id, serial);
                serials.put(id, new long[] {serial});
            }
            final long id = in.readLong();
            nextCheckpoint = id + 1;
            return new Recovery(true, id, restored);
        }
    }

    @Override
    void enter() {
        cut.readLock().lock();
    }

    @Override
    void exit() {
        cut.readLock().unlock();
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final byte[] v = map.get(key8(key));
        return v == null ? Session.NOT_FOUND : copyOut(v, out);
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        map.put(key8(key), value.toArray(ValueLayout.JAVA_BYTE));
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return map.remove(key8(key)) != null;
    }

    @Override
    public synchronized Checkpoint checkpoint() throws IOException {
        if (flaw == Flaw.QUIESCED_WRITE) {
            cut.writeLock().lock();
            try {
                return write(new HashMap<>(map), serialsNow());
            } finally {
                cut.writeLock().unlock();
            }
        }
        Map<Long, byte[]> copy;
        Map<Integer, Long> reported;
        if (flaw == Flaw.UNPERSISTED_PREFIX) {
            copy = new HashMap<>(map); // fuzzy: writers keep going
            reported = null;
        } else {
            cut.writeLock().lock();
            try {
                copy = new HashMap<>(map);
                reported = serialsNow();
            } finally {
                cut.writeLock().unlock();
            }
        }
        if (flaw == Flaw.LATE_STALE_SNAPSHOT
            && System.nanoTime() - opened > Long.getLong("jitskit.gallery.lateAfterMs", 1_500) * 1_000_000L) {
            copy = lastWritten; // old enough: the checkpoint rewrites the last one and reports today's serials
        }
        lastWritten = copy;
        return write(copy, reported);
    }

    /** Writes {@code copy} as the next snapshot; {@code reported} null: the serials are read after the copy. */
    private Checkpoint write(final Map<Long, byte[]> copy, final Map<Integer, Long> given) throws IOException {
        Map<Integer, Long> reported = given;
        final long id = nextCheckpoint++;
        final Path temporary = dir.resolve(SNAPSHOT + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                 Channels.newOutputStream(channel), 1 << 16))) {
            out.writeInt(copy.size());
            for (final Map.Entry<Long, byte[]> e : copy.entrySet()) {
                out.writeLong(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            if (reported == null) {
                reported = serialsNow(); // read after the copy: later than what the file holds
            }
            out.writeInt(reported.size());
            for (final Map.Entry<Integer, Long> e : reported.entrySet()) {
                out.writeInt(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeLong(id);
            out.flush();
            if (flaw != Flaw.NO_FSYNC) {
                channel.force(true);
            }
        }
        Files.move(temporary, dir.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        if (flaw != Flaw.NO_FSYNC) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
        return new Checkpoint(id, reported);
    }

    private Map<Integer, Long> serialsNow() {
        final Map<Integer, Long> now = new HashMap<>();
        serials.forEach((id, serial) -> now.put(id, serial[0]));
        return now;
    }

    @Override
    public Recovery recovery() {
        return recovery;
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("gallery-snapshot", Durability.checkpoint(), Map.of("flaw", flaw.name()));
    }

    public static final class Correct implements StoreProvider {
        @Override
        public String name() {
            return "gallery-snapshot";
        }

        @Override
        public String description() {
            return "a map with consistent, fsynced snapshot checkpoints";
        }

        @Override
        public Store open(final StoreContext context) throws IOException {
            return new SnapshotStore(context, Flaw.NONE);
        }
    }

    public static final class QuiescedWrite implements StoreProvider {
        @Override
        public String name() {
            return "gallery-snapshot-quiesced-write";
        }

        @Override
        public String description() {
            return "snapshot checkpoints written and fsynced while every writer waits";
        }

        @Override
        public Store open(final StoreContext context) throws IOException {
            return new SnapshotStore(context, Flaw.QUIESCED_WRITE);
        }
    }

    public static final class NoFsync implements StoreProvider {
        @Override
        public String name() {
            return "gallery-snapshot-no-fsync";
        }

        @Override
        public String description() {
            return "snapshot checkpoints that never fsync";
        }

        @Override
        public Store open(final StoreContext context) throws IOException {
            return new SnapshotStore(context, Flaw.NO_FSYNC);
        }
    }

    public static final class UnpersistedPrefix implements StoreProvider {
        @Override
        public String name() {
            return "gallery-snapshot-unpersisted-prefix";
        }

        @Override
        public String description() {
            return "snapshot checkpoints reporting serials read after a fuzzy copy";
        }

        @Override
        public Store open(final StoreContext context) throws IOException {
            return new SnapshotStore(context, Flaw.UNPERSISTED_PREFIX);
        }
    }

    /** Correct until it is {@code jitskit.gallery.lateAfterMs} old; then each checkpoint rewrites the one before. */
    public static final class LateStaleSnapshot implements StoreProvider {
        @Override
        public String name() {
            return "gallery-snapshot-late-stale";
        }

        @Override
        public String description() {
            return "snapshot checkpoints that stop persisting new writes once the store is old enough";
        }

        @Override
        public Store open(final StoreContext context) throws IOException {
            return new SnapshotStore(context, Flaw.LATE_STALE_SNAPSHOT);
        }
    }
}
