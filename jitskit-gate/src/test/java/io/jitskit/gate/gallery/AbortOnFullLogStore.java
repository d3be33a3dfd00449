package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery (paper section 7), abort when a fixed-size log fills: values are appended to a 16 MiB log and never
 * reclaimed; when the log is full the store ends the process, "after the benchmark horizon". Caught by the log-wrap
 * probe (the child JVM exits) and by the static audit (exit reachable from upsert).
 */
public final class AbortOnFullLogStore extends GalleryStore {

    private static final long LOG_BYTES = 16L << 20;

    private record Entry(long offset, int length) { }

    private final MemorySegment log = Arena.ofAuto().allocate(LOG_BYTES);
    private final ConcurrentHashMap<Long, Entry> index = new ConcurrentHashMap<>();
    private long tail;

    AbortOnFullLogStore(final StoreContext context) {
        super(context, "gallery-abort-on-full-log");
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final Entry e = index.get(key8(key));
        if (e == null) {
            return Session.NOT_FOUND;
        }
        MemorySegment.copy(log, e.offset, out, 0, e.length);
        return e.length;
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final long at;
        synchronized (this) {
            if (tail + value.byteSize() > LOG_BYTES) {
                System.err.println("log full: aborting");
                System.exit(134);
            }
            at = tail;
            tail += value.byteSize();
        }
        MemorySegment.copy(value, 0, log, at, value.byteSize());
        index.put(key8(key), new Entry(at, (int) value.byteSize()));
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return index.remove(key8(key)) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-abort-on-full-log";
        }

        @Override
        public String description() {
            return "a fixed 16 MiB log; exits when it fills";
        }

        @Override
        public Store open(final StoreContext context) {
            return new AbortOnFullLogStore(context);
        }
    }
}
