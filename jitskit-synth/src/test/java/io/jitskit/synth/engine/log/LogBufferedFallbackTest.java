package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffered fallback, used where the file system refuses O_DIRECT (forced here by the store's
 * {@code jitskit.log.bufferedIo} property, since this file system accepts it): every page written or read is written
 * back and dropped with sync_file_range + posix_fadvise(DONTNEED), so the files still stay out of the page cache the
 * budget charges, and spill, read back, checkpoint and recovery work as with O_DIRECT.
 */
class LogBufferedFallbackTest {

    private static final String PROPERTY = "jitskit.log.bufferedIo";
    private static final int KEYS = 30_000;
    private static final int VALUE_BYTES = 100;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    @TempDir
    Path tempDir;

    @Test
    void bufferedFallbackKeepsFilesOutOfThePageCacheAndRecoversItsCheckpoint() throws IOException {
        final Path dir = tempDir.resolve("store");
        final Spec spec = LogStoreFixture.spec("fallback", KEYS, new SizeDistribution.Fixed(VALUE_BYTES),
            LogStoreFixture.ALL_OPS, Durability.checkpoint(), LogStoreFixture.SPILLING_BUDGET, dir,
            LogStoreFixture.mix(50, 50), new KeyDistribution.Uniform());
        assertTrue(LogDesign.initial(spec).spills(), LogDesign.initial(spec).describe());
        final StoreProvider provider = LogStoreFixture.provider(spec);
        System.setProperty(PROPERTY, "true");
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment value = arena.allocate(VALUE_BYTES);
            final MemorySegment out = arena.allocate(VALUE_BYTES);
            try (Store store = provider.open(new StoreContext(spec, dir)); Session s = store.openSession(0)) {
                assertTrue(store.info().configuration().get("io").startsWith("buffered"),
                    "the property forces the fallback: " + store.info().configuration());
                for (int id = 0; id < KEYS; id++) {
                    key.set(LONG, 0, id * 0x9E37_79B9_7F4A_7C15L);
                    value.set(LONG, 0, id);
                    s.upsert(key, value);
                }
                verify(s, key, out, "before the checkpoint");
                store.checkpoint();
                assertTrue(store.metrics().orElseThrow().snapshot().get("disk.preads") > 0, "nothing spilled");
                final long resident = PageCache.residentBytes(dir);
                assertTrue(resident <= 64 * 1024, resident + " bytes of the store's files are in the page cache");
            }
            try (Store store = provider.open(new StoreContext(spec, dir)); Session s = store.openSession(0)) {
                assertEquals(2L * KEYS, store.recovery().serialOf(0), "recovered serial: the loads and the reads");
                verify(s, key, out, "after recovery");
            }
        } finally {
            System.clearProperty(PROPERTY);
        }
    }

    private static void verify(final Session s, final MemorySegment key, final MemorySegment out,
                               final String where) {
        for (int id = 0; id < KEYS; id++) {
            key.set(LONG, 0, id * 0x9E37_79B9_7F4A_7C15L);
            assertEquals(VALUE_BYTES, s.read(key, out), where + ": key " + id);
            assertEquals(id, out.get(LONG, 0), where + ": key " + id);
        }
    }
}
