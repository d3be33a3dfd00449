package io.jitskit.harness.fork;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.harness.ForwardingStore;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores that behave like the reference store but overgrow their memory budget at open, each through one route:
 * the heap, native memory, or the page cache. The harness must fail each of them, naming memory.
 */
final class HogStores {

    /** How much each hog grows, well past the 192 MiB budget of the test card. */
    static final int GROWTH_MIB = 320;

    private HogStores() {
    }

    /** Delegates every operation to a reference store; subclasses decide how to overgrow. */
    abstract static class HogProvider implements StoreProvider {

        @Override
        public String description() {
            return "test store that overgrows its memory budget";
        }

        abstract void grow(StoreContext context) throws IOException;

        @Override
        public Store open(final StoreContext context) throws IOException {
            final Store inner;
            try {
                inner = StoreFactory.find("reference").open(context);
            } catch (final StoreLoadException e) {
                throw new IOException(e.getMessage(), e);
            }
            grow(context);
            return new ForwardingStore(inner) {
                @Override
                public StoreInfo info() {
                    return new StoreInfo(name(), inner.info().durability(), inner.info().configuration());
                }
            };
        }
    }

    /** Holds what the hogs grew, so nothing is collected. */
    static final List<Object> HELD = new ArrayList<>();

    public static final class HeapHog extends HogProvider {
        @Override
        public String name() {
            return "test-hog-heap";
        }

        @Override
        void grow(final StoreContext context) {
            for (int i = 0; i < GROWTH_MIB; i++) {
                final byte[] chunk = new byte[1 << 20];
                for (int j = 0; j < chunk.length; j += 4096) {
                    chunk[j] = 1; // touch every page so it is resident
                }
                HELD.add(chunk);
                pace(i);
            }
        }
    }

    public static final class NativeHog extends HogProvider {
        @Override
        public String name() {
            return "test-hog-native";
        }

        @Override
        void grow(final StoreContext context) {
            for (int i = 0; i < GROWTH_MIB; i++) {
                final MemorySegment chunk = Arena.global().allocate(1 << 20);
                chunk.fill((byte) 1);
                HELD.add(chunk);
                pace(i);
            }
        }
    }

    public static final class PageCacheHog extends HogProvider {
        @Override
        public String name() {
            return "test-hog-pagecache";
        }

        @Override
        void grow(final StoreContext context) throws IOException {
            final ByteBuffer mib = ByteBuffer.allocate(1 << 20);
            try (FileChannel ch = FileChannel.open(context.dataDir().resolve("hog.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                for (int i = 0; i < GROWTH_MIB; i++) {
                    mib.clear();
                    ch.write(mib, (long) i << 20);
                    pace(i);
                }
            }
        }
    }

    /** Grows at ~1 GiB/s at most, so the parent's 100 ms samples see the growth before the run ends. */
    static void pace(final int mib) {
        if ((mib & 7) == 7) {
            try {
                Thread.sleep(5);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
