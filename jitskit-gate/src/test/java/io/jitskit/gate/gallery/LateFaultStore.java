package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gallery, faults that wait (paper section 7: a cap hit after the benchmark's horizon, a ring that overwrites, writes
 * dropped "extremely rarely"): a correct map until a trigger, then one upsert in {@link #EVERY} goes wrong. Three
 * triggers, one provider each: an age ({@code jitskit.gallery.lateAfterMs}, default 1500 ms after open), an
 * operation count ({@code jitskit.gallery.lateAfterOps}, default 300 000) and a fill level
 * ({@code jitskit.gallery.lateAboveFill}, default 0.5 of the card's keys). Three faults
 * ({@code jitskit.gallery.lateFault}): {@code drop} acknowledges the upsert and never applies it, {@code reorder}
 * applies it and then the key's previous value over it (an older write lands last), {@code corrupt} applies it with
 * one byte flipped. Young, each passes every check of the gate; caught by the checks of a timed run that lives past
 * the trigger, or by the gate at the benchmark's horizon.
 */
public final class LateFaultStore extends GalleryStore {

    /** One upsert in this many is dropped once the fault is live. */
    static final int EVERY = 64;

    enum Trigger { AGE, OPERATIONS, FILL }

    enum Fault { DROP, REORDER, CORRUPT }

    private final ConcurrentHashMap<Long, byte[]> map = new ConcurrentHashMap<>();
    private final AtomicLong ops = new AtomicLong();
    private final long opened = System.nanoTime();
    private final Trigger trigger;
    private final long afterNanos;
    private final long afterOps;
    private final long aboveKeys;
    private final Fault fault;

    LateFaultStore(final StoreContext context, final Trigger trigger) {
        super(context, "gallery-late-" + trigger.name().toLowerCase(java.util.Locale.ROOT));
        this.trigger = trigger;
        this.afterNanos = Long.getLong("jitskit.gallery.lateAfterMs", 1_500) * 1_000_000L;
        this.afterOps = Long.getLong("jitskit.gallery.lateAfterOps", 300_000);
        this.aboveKeys = (long) (Double.parseDouble(System.getProperty("jitskit.gallery.lateAboveFill", "0.5"))
            * context.spec().workload().keyCount());
        this.fault = Fault.valueOf(System.getProperty("jitskit.gallery.lateFault", "drop")
            .toUpperCase(java.util.Locale.ROOT));
    }

    private boolean live(final long n) {
        return switch (trigger) {
            case AGE -> System.nanoTime() - opened > afterNanos;
            case OPERATIONS -> n > afterOps;
            case FILL -> map.size() > aboveKeys;
        };
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        ops.incrementAndGet();
        final byte[] v = map.get(key8(key));
        return v == null ? Session.NOT_FOUND : copyOut(v, out);
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final long n = ops.incrementAndGet();
        final byte[] bytes = value.toArray(ValueLayout.JAVA_BYTE);
        if (n % EVERY != 0 || !live(n)) {
            map.put(key8(key), bytes);
            return;
        }
        switch (fault) {
            case DROP -> { } // acknowledged, never applied
            case REORDER -> {
                final byte[] previous = map.put(key8(key), bytes);
                if (previous != null) {
                    map.put(key8(key), previous);
                }
            }
            case CORRUPT -> {
                bytes[bytes.length / 2] ^= 0x10;
                map.put(key8(key), bytes);
            }
        }
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        ops.incrementAndGet();
        return map.remove(key8(key)) != null;
    }

    /** Gets writes wrong once it is {@code jitskit.gallery.lateAfterMs} old. */
    public static final class AfterTime implements StoreProvider {
        @Override
        public String name() {
            return "gallery-late-age";
        }

        @Override
        public String description() {
            return "gets one upsert in 64 wrong once it is old enough";
        }

        @Override
        public Store open(final StoreContext context) {
            return new LateFaultStore(context, Trigger.AGE);
        }
    }

    /** Gets writes wrong after {@code jitskit.gallery.lateAfterOps} operations. */
    public static final class AfterOperations implements StoreProvider {
        @Override
        public String name() {
            return "gallery-late-ops";
        }

        @Override
        public String description() {
            return "gets one upsert in 64 wrong after enough operations";
        }

        @Override
        public Store open(final StoreContext context) {
            return new LateFaultStore(context, Trigger.OPERATIONS);
        }
    }

    /** Gets writes wrong while it holds more than {@code jitskit.gallery.lateAboveFill} of the card's keys. */
    public static final class AboveFill implements StoreProvider {
        @Override
        public String name() {
            return "gallery-late-fill";
        }

        @Override
        public String description() {
            return "gets one upsert in 64 wrong above a fill level";
        }

        @Override
        public Store open(final StoreContext context) {
            return new LateFaultStore(context, Trigger.FILL);
        }
    }
}
