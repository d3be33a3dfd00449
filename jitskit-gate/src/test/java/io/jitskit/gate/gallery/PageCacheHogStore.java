package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery (paper sections 3.1 and 6), exceeding the memory budget through the page cache: the heap stays small, but
 * at open the store writes a "warm cache" file of 1.25 times the budget under its data directory and reads it back,
 * so the operating system keeps it resident: memory the store uses as surely as its heap. Caught by the memory-budget
 * check, which charges the page cache of the store's files.
 */
public final class PageCacheHogStore extends GalleryStore {

    private final ConcurrentHashMap<Long, byte[]> map = new ConcurrentHashMap<>();

    PageCacheHogStore(final StoreContext context) throws IOException {
        super(context, "gallery-page-cache-hog");
        final long bytes = context.spec().environment().memoryBudgetBytes() * 5 / 4;
        Files.createDirectories(context.dataDir());
        try (FileChannel cache = FileChannel.open(context.dataDir().resolve("warm-cache.dat"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            final ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < bytes; ) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    at += cache.write(chunk, at);
                }
            }
            for (long at = 0; at < bytes; at += chunk.capacity()) {
                chunk.clear();
                cache.read(chunk, at);
            }
        }
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

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-page-cache-hog";
        }

        @Override
        public String description() {
            return "keeps a file of 1.25 x the budget in the page cache";
        }

        @Override
        public Store open(final StoreContext context) throws IOException {
            return new PageCacheHogStore(context);
        }
    }
}
