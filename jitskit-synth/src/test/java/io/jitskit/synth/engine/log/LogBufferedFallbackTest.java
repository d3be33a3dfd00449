package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Where the file system refuses O_DIRECT (tmpfs), the store falls back to buffered I/O with sync_file_range +
 * posix_fadvise(DONTNEED) and still works end to end: spill, read back, checkpoint, recover.
 */
class LogBufferedFallbackTest {

    private static final int KEYS = 30_000;
    private static final int VALUE_BYTES = 100;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    @Test
    void onTmpfsTheStoreUsesBufferedIoAndStillRecoversItsCheckpoint() throws IOException {
        final Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"), "no tmpfs at /dev/shm");
        final Path dir = Files.createTempDirectory(shm, "jitskit-log-fallback");
        try {
            final Spec spec = LogStoreFixture.spec("fallback", KEYS, new SizeDistribution.Fixed(VALUE_BYTES),
                LogStoreFixture.ALL_OPS, Durability.checkpoint(), LogStoreFixture.SPILLING_BUDGET, dir,
                LogStoreFixture.mix(50, 50), new KeyDistribution.Uniform());
            assertTrue(LogDesign.initial(spec).spills(), LogDesign.initial(spec).describe());
            final StoreProvider provider = LogStoreFixture.provider(spec);
            try (Arena arena = Arena.ofConfined()) {
                final MemorySegment key = arena.allocate(8);
                final MemorySegment value = arena.allocate(VALUE_BYTES);
                final MemorySegment out = arena.allocate(VALUE_BYTES);
                try (Store store = provider.open(new StoreContext(spec, dir)); Session s = store.openSession(0)) {
                    assertTrue(store.info().configuration().get("io").startsWith("buffered"),
                        "tmpfs refuses O_DIRECT: " + store.info().configuration());
                    for (int id = 0; id < KEYS; id++) {
                        key.set(LONG, 0, id * 0x9E37_79B9_7F4A_7C15L);
                        value.set(LONG, 0, id);
                        s.upsert(key, value);
                    }
                    verify(s, key, out, "before the checkpoint");
                    store.checkpoint();
                    assertTrue(store.metrics().orElseThrow().snapshot().get("disk.preads") > 0, "nothing spilled");
                }
                try (Store store = provider.open(new StoreContext(spec, dir)); Session s = store.openSession(0)) {
                    assertEquals(KEYS, store.recovery().serialOf(0) / 2, "recovered serial: loads and reads");
                    verify(s, key, out, "after recovery");
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
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
