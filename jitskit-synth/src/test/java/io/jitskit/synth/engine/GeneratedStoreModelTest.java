package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreException;
import io.jitskit.api.ValueSizeException;
import io.jitskit.spec.SizeDistribution;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A randomized model check: one session runs a random mix of every operation against a generated store and a
 * {@link HashMap}; every answer must agree. Keys are scattered 64-bit values, a few outside the loaded set; values
 * are random bytes of allowed sizes; off-spec sizes, wrong key lengths and small buffers must be refused without
 * changing anything. The seed is in every assertion message.
 */
class GeneratedStoreModelTest {

    private static final int OPS = 40_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jitskit.synth.engine.Variants#allArguments")
    void everyAnswerMatchesAHashMapModel(final Variants.Variant v) throws Exception {
        final long seed = System.nanoTime();
        final String why = v.name() + ", seed " + seed;
        final SplittableRandom rnd = new SplittableRandom(seed);
        final SizeDistribution sizes = v.spec().workload().valueSizes();
        final long[] keys = new long[400];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = rnd.nextLong();
        }
        final Map<Long, byte[]> model = new HashMap<>();
        try (Store store = StoreFixture.open(v.spec(), v.design(), dir);
             Arena arena = Arena.ofConfined()) {
            // Closed by hand before the metrics are read: a closing session publishes its counters.
            final Session s = store.openSession(0);
            final MemorySegment key = arena.allocate(8);
            final MemorySegment out = arena.allocate(sizes.max());
            long serial = s.serial();
            for (int op = 0; op < OPS; op++) {
                final long k = keys[rnd.nextInt(keys.length)];
                key.set(StoreFixture.LE, 0, k);
                final int kind = rnd.nextInt(100);
                if (kind < 30) {
                    final int n = s.read(key, out);
                    final byte[] expected = model.get(k);
                    if (expected == null) {
                        assertEquals(Session.NOT_FOUND, n, why + " op " + op + ": read of absent key");
                    } else {
                        assertArrayEquals(expected, out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE),
                            why + " op " + op + ": read");
                    }
                } else if (kind < 60) {
                    final byte[] value = value(rnd, sizes);
                    s.upsert(key, arena.allocateFrom(ValueLayout.JAVA_BYTE, value));
                    model.put(k, value);
                } else if (kind < 75 && model.containsKey(k) && model.get(k).length < Long.BYTES) {
                    assertThrows(StoreException.class, () -> s.rmw(key, 1, arena.allocate(Math.max(8,
                        sizes.min()))), why + ": rmw on a value shorter than the counter");
                    serial--; // a failed operation takes no serial
                } else if (kind < 75) {
                    final long delta = rnd.nextLong(1, 1000);
                    final byte[] initial = value(rnd, sizes, Long.BYTES);
                    final long counter = s.rmw(key, delta, arena.allocateFrom(ValueLayout.JAVA_BYTE, initial));
                    final byte[] current = model.containsKey(k) ? model.get(k).clone() : initial.clone();
                    final MemorySegment c = MemorySegment.ofArray(current);
                    c.set(StoreFixture.LE, 0, c.get(StoreFixture.LE, 0) + delta);
                    model.put(k, current);
                    assertEquals(c.get(StoreFixture.LE, 0), counter, why + " op " + op + ": rmw result");
                } else if (kind < 87) {
                    assertEquals(model.remove(k) != null, s.delete(key), why + " op " + op + ": delete");
                } else {
                    final byte[] value = value(rnd, sizes);
                    final boolean inserted = s.insert(key, arena.allocateFrom(ValueLayout.JAVA_BYTE, value));
                    assertEquals(!model.containsKey(k), inserted, why + " op " + op + ": insert");
                    model.putIfAbsent(k, value);
                }
                assertEquals(++serial, s.serial(), why + " op " + op + ": serial advances by one per operation");
                if (op % 997 == 0) {
                    refusals(s, arena, key, sizes, model.get(k), why + " op " + op);
                    // The too-small read failed (no serial); the read that checks the value took one.
                    serial += model.containsKey(k) ? 1 : 0;
                    assertEquals(serial, s.serial(), why + ": refused operations take no serial");
                }
            }
            for (final long k : keys) {
                key.set(StoreFixture.LE, 0, k);
                final int n = s.read(key, out);
                final byte[] expected = model.get(k);
                if (expected == null) {
                    assertEquals(Session.NOT_FOUND, n, why + ": final read of absent key");
                } else {
                    assertArrayEquals(expected, out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), why + ": final");
                }
            }
            s.close();
            final Map<String, Double> metrics = store.metrics().orElseThrow().snapshot();
            assertEquals(model.size(), metrics.get("index.live_keys"), 0.0, why + ": live-key metric");
        }
    }

    /** Off-spec sizes, bad keys and small buffers are refused, and the key's value is untouched. */
    private static void refusals(final Session s, final Arena arena, final MemorySegment key,
                                 final SizeDistribution sizes, final byte[] current, final String why) {
        for (final int bad : new int[] {sizes.min() - 1, sizes.max() + 1, (sizes.min() + sizes.max()) / 2}) {
            if (bad > 0 && !sizes.allows(bad)) {
                assertThrows(ValueSizeException.class, () -> s.upsert(key, arena.allocate(bad)),
                    why + ": upsert of " + bad + " bytes");
                assertThrows(ValueSizeException.class, () -> s.rmw(key, 1, arena.allocate(bad)),
                    why + ": rmw initial of " + bad + " bytes");
            }
        }
        assertThrows(StoreException.class, () -> s.read(arena.allocate(7), arena.allocate(sizes.max())),
            why + ": 7-byte key");
        if (current != null) {
            final MemorySegment tiny = arena.allocate(current.length - 1);
            assertThrows(BufferTooSmallException.class, () -> s.read(key, tiny), why + ": small buffer");
            final MemorySegment out = arena.allocate(sizes.max());
            final int n = s.read(key, out);
            if (n < 0) {
                fail(why + ": value vanished after refused operations");
            }
            assertArrayEquals(current, out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), why + ": value after refusals");
        }
    }

    static byte[] value(final SplittableRandom rnd, final SizeDistribution sizes) {
        return value(rnd, sizes, 0);
    }

    /** Random bytes of an allowed size of at least {@code atLeast} bytes. */
    static byte[] value(final SplittableRandom rnd, final SizeDistribution sizes, final int atLeast) {
        int n;
        do {
            n = switch (sizes) {
                case SizeDistribution.Bimodal b -> rnd.nextBoolean() ? b.small() : b.large();
                default -> rnd.nextInt(sizes.min(), sizes.max() + 1);
            };
        } while (n < atLeast);
        final byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
