package io.jitskit.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFilesTest {

    @TempDir
    Path dir;

    /** Key to (version word, value bytes as hex) of what a snapshot must hold. */
    private final Map<Long, String> expected = new HashMap<>();

    @Test
    void aSnapshotOfLiveMemoryHoldsEveryLiveSlotAndTombstoneWithItsValue() throws Exception {
        final long seed = System.nanoTime();
        System.out.println("CheckpointFilesTest seed " + seed);
        try (Arena arena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, 32 * ValueSlab.PAGE_BYTES);
            final MemorySegment[] shards = fill(arena, slab, new SplittableRandom(seed));
            final Path file = CheckpointFiles.snapshotPath(dir, 3);
            final CheckpointFiles.SnapshotWriter writer = new CheckpointFiles.SnapshotWriter(file, 3);
            writer.writeRecords(new CheckpointCapture(shards, slab));
            assertTrue(writer.finish() > 0);
            assertEquals(expected, read(file, 3), "seed " + seed);
        }
    }

    @Test
    void aShadowTakenInThePauseIsWhatTheSnapshotHoldsWhateverHappensAfter() throws Exception {
        final long seed = System.nanoTime();
        System.out.println("CheckpointFilesTest seed " + seed);
        try (Arena arena = Arena.ofShared(); Arena shadowArena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, 32 * ValueSlab.PAGE_BYTES);
            final MemorySegment[] shards = fill(arena, slab, new SplittableRandom(seed));
            final CheckpointCapture live = new CheckpointCapture(shards, slab);
            final CheckpointCapture shadow = CheckpointCapture.allocateLike(live, shadowArena);
            shadow.copyFrom(live, shadowArena);
            // After the pause, sessions overwrite the live table and slab: the snapshot must not see it.
            for (final MemorySegment shard : shards) {
                shard.fill((byte) 0x5A);
            }
            for (final MemorySegment page : slab.pages()) {
                if (page != null) {
                    page.fill((byte) 0x5A);
                }
            }
            final Path file = CheckpointFiles.snapshotPath(dir, 4);
            final CheckpointFiles.SnapshotWriter writer = new CheckpointFiles.SnapshotWriter(file, 4);
            writer.writeRecords(shadow);
            writer.finish();
            assertEquals(expected, read(file, 4), "seed " + seed);
        }
    }

    @Test
    void aTornOrCorruptSnapshotIsALoudErrorNotAPartialRecovery() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, 32 * ValueSlab.PAGE_BYTES);
            final MemorySegment[] shards = fill(arena, slab, new SplittableRandom(1));
            final Path file = CheckpointFiles.snapshotPath(dir, 1);
            final CheckpointFiles.SnapshotWriter writer = new CheckpointFiles.SnapshotWriter(file, 1);
            writer.writeRecords(new CheckpointCapture(shards, slab));
            writer.finish();
        }
        final Path file = CheckpointFiles.snapshotPath(dir, 1);
        assertThrows(StoreException.class, () -> read(file, 2), "another checkpoint's snapshot");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), CheckpointFiles.HEADER_BYTES + 3);
        }
        final StoreException crc = assertThrows(StoreException.class, () -> read(file, 1));
        assertTrue(crc.getMessage().contains("CRC32C"), crc.getMessage());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1);
        }
        final StoreException torn = assertThrows(StoreException.class, () -> read(file, 1));
        assertTrue(torn.getMessage().contains("torn"), torn.getMessage());
    }

    @Test
    void theManifestRoundTripsAndRefusesACorruptCopy() throws Exception {
        assertNull(CheckpointFiles.readManifest(dir), "a fresh directory has no manifest");
        final CheckpointFiles.Manifest m = new CheckpointFiles.Manifest(7, "snapshot-7.bin", 3, Map.of(0, 11L, 5, 2L));
        CheckpointFiles.writeManifest(dir, m);
        assertEquals(m, CheckpointFiles.readManifest(dir));
        assertFalse(Files.exists(dir.resolve(CheckpointFiles.MANIFEST_TMP)));
        final Path manifest = dir.resolve(CheckpointFiles.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("session 0 11", "session 0 12"));
        assertThrows(StoreException.class, () -> CheckpointFiles.readManifest(dir));
    }

    @Test
    void aSwitchedManifestDeletesOnlyWhatItSubsumes() throws Exception {
        for (final String name : new String[] {"snapshot-1.bin", "snapshot-2.bin", "snapshot-3.bin",
            SessionLog.fileName(0, 0), SessionLog.fileName(1, 1), SessionLog.fileName(2, 0), "MANIFEST.tmp"}) {
            Files.createFile(dir.resolve(name));
        }
        CheckpointFiles.deleteSubsumed(dir, 3, 2);
        assertFalse(Files.exists(dir.resolve("snapshot-1.bin")));
        assertFalse(Files.exists(dir.resolve("snapshot-2.bin")));
        assertTrue(Files.exists(dir.resolve("snapshot-3.bin")));
        // StoreConfig.COMMIT_LOG: logs of epochs before the manifest's log epoch go with their snapshot.
        assertFalse(Files.exists(dir.resolve(SessionLog.fileName(0, 0))));
        assertFalse(Files.exists(dir.resolve(SessionLog.fileName(1, 1))));
        assertTrue(Files.exists(dir.resolve(SessionLog.fileName(2, 0))));
        CheckpointFiles.deleteStrays(dir, new CheckpointFiles.Manifest(3, "snapshot-3.bin", 2, Map.of()));
        assertFalse(Files.exists(dir.resolve("MANIFEST.tmp")));
        assertTrue(Files.exists(dir.resolve("snapshot-3.bin")));
    }

    /**
     * Shards with random live slots (values inline up to INLINE_BYTES, in the slab above), tombstones and empty
     * slots; records what a snapshot of them must hold in {@link #expected}.
     */
    private MemorySegment[] fill(final Arena arena, final ValueSlab slab, final SplittableRandom random) {
        final ValueSlab.ThreadCache cache = slab.newCache();
        final int[] chunks = StoreConfig.slabChunkBytes();
        final int largest = chunks[chunks.length - 1];
        final MemorySegment[] shards = new MemorySegment[SlotLayout.SHARDS];
        final MemorySegment value = arena.allocate(largest);
        long key = 1;
        for (int s = 0; s < shards.length; s++) {
            shards[s] = arena.allocate(SlotLayout.SLOTS_PER_SHARD * SlotLayout.SLOT_BYTES, 64);
            for (long slot = 0; slot < SlotLayout.SLOTS_PER_SHARD; slot++) {
                final long off = slot * SlotLayout.SLOT_BYTES;
                final int kind = random.nextInt(4);
                if (kind == 0) {
                    continue;
                }
                final long version = random.nextLong(1, 1L << 40);
                shards[s].set(ValueLayout.JAVA_LONG, off + SlotLayout.KEY_OFFSET, key);
                if (kind == 1) {
                    final long word = SlotLayout.meta(version, SlotLayout.TOMBSTONE, 0);
                    shards[s].set(ValueLayout.JAVA_LONG, off, word);
                    expected.put(key++, word + ":");
                    continue;
                }
                final int len = random.nextInt(1, largest + 1);
                for (int i = 0; i < len; i++) {
                    value.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
                }
                if (len <= SlotLayout.INLINE_BYTES) {
                    MemorySegment.copy(value, 0, shards[s], off + SlotLayout.PAYLOAD_OFFSET, len);
                } else {
                    final long ref = cache.allocate(ValueSlab.classOf(len));
                    slab.copyIn(value, ref, len);
                    shards[s].set(ValueLayout.JAVA_LONG, off + SlotLayout.PAYLOAD_OFFSET, ref);
                }
                final long word = SlotLayout.meta(version, SlotLayout.LIVE, len);
                shards[s].set(ValueLayout.JAVA_LONG, off, word);
                expected.put(key++, word + ":" + HexFormat.of().formatHex(value.asSlice(0, len)
                    .toArray(ValueLayout.JAVA_BYTE)));
            }
        }
        return shards;
    }

    private static Map<Long, String> read(final Path file, final long id) throws Exception {
        final Map<Long, String> out = new HashMap<>();
        CheckpointFiles.readSnapshot(file, id, (key, word, src, off) -> out.put(key, word + ":"
            + HexFormat.of().formatHex(src.asSlice(off, SlotLayout.lengthOf(word)).toArray(ValueLayout.JAVA_BYTE))));
        return out;
    }
}
