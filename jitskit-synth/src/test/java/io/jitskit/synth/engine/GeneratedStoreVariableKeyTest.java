package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreException;
import io.jitskit.gate.Parallel;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stores generated for variable-length keys, checked against a {@link HashMap} model with keys built to defeat
 * shortcuts: groups sharing their first 8 bytes (the part a store might take for an id), keys that are prefixes of one
 * another, keys differing only in their last byte. Every operation, deletes and re-inserts included, and a two-thread
 * run whose values name their key, so a read answered from another key's chunk is caught. Seeds are in the messages.
 */
class GeneratedStoreVariableKeyTest {

    private static final int OPS = 40_000;

    @TempDir
    Path dir;

    record Case(String name, Spec spec, Design design) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        final Spec uniform = Cards.withVariableKeys(Cards.spec("vk-uniform", 2_000,
            new SizeDistribution.Uniform(1, 300), Cards.ALL_OPS, Durability.none(), Cards.GIB),
            new SizeDistribution.Uniform(8, 64));
        final Spec fixed = Cards.withVariableKeys(Cards.spec("vk-fixed", 2_000, new SizeDistribution.Fixed(100),
            Cards.ALL_OPS, Durability.none(), Cards.GIB), new SizeDistribution.Fixed(24));
        final Spec bimodal = Cards.withVariableKeys(Cards.spec("vk-bimodal", 2_000,
            new SizeDistribution.Bimodal(16, 2_000, 0.8), Cards.ALL_OPS, Durability.none(), Cards.GIB),
            new SizeDistribution.Uniform(9, 255));
        final Spec checkpoint = Cards.withVariableKeys(Cards.spec("vk-checkpoint", 2_000,
            new SizeDistribution.Uniform(1, 3_000), Cards.ALL_OPS, Durability.checkpoint(), Cards.GIB),
            new SizeDistribution.Uniform(8, 200));
        return Stream.of(
            new Case("keys 8..64, values 1..300", uniform, Design.initial(uniform)),
            new Case("keys 8..200, values 1..3000, checkpoint, reopened", checkpoint, Design.initial(checkpoint)),
            new Case("keys 24, values 100, 4 shards, fastrange", fixed, Design.initial(fixed).withShards(4)
                .withIndexing(Design.Indexing.FASTRANGE)),
            new Case("keys 9..255, values 16/2000, huge pages", bimodal, Design.initial(bimodal).withHugePages(true)))
            .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyAnswerMatchesAHashMapModelOnKeysThatShareTheirFirstEightBytes(final Case c) throws Exception {
        final long seed = System.nanoTime();
        final String why = c.name() + ", seed " + seed;
        final SplittableRandom rnd = new SplittableRandom(seed);
        final SizeDistribution values = c.spec().workload().valueSizes();
        final List<byte[]> keys = adversarialKeys(rnd, keySizes(c.spec()), 400);
        if (keySizes(c.spec()).allows(16)) {
            // Two keys of one tag: a recovery that matched tags alone would keep one of them.
            keys.add(collidingKeyBytes(9_541_280L));
            keys.add(collidingKeyBytes(18_574_211L));
        }
        final Map<Integer, byte[]> model = new HashMap<>();
        try (Store store = StoreFixture.open(c.spec(), c.design(), dir);
             Arena arena = Arena.ofConfined()) {
            final Session s = store.openSession(0);
            final MemorySegment out = arena.allocate(values.max());
            for (int op = 0; op < OPS; op++) {
                final int k = rnd.nextInt(keys.size());
                final MemorySegment key = arena.allocateFrom(ValueLayout.JAVA_BYTE, keys.get(k));
                final int kind = rnd.nextInt(100);
                final String at = why + " op " + op + " key " + HexFormat.of().formatHex(keys.get(k));
                if (kind < 30) {
                    final int n = s.read(key, out);
                    final byte[] expected = model.get(k);
                    if (expected == null) {
                        assertEquals(Session.NOT_FOUND, n, at + ": read of an absent key");
                    } else {
                        assertArrayEquals(expected, out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), at + ": read");
                    }
                } else if (kind < 60) {
                    final byte[] value = GeneratedStoreModelTest.value(rnd, values);
                    s.upsert(key, arena.allocateFrom(ValueLayout.JAVA_BYTE, value));
                    model.put(k, value);
                } else if (kind < 72 && (!model.containsKey(k) || model.get(k).length >= Long.BYTES)) {
                    final long delta = rnd.nextLong(1, 1000);
                    final byte[] initial = GeneratedStoreModelTest.value(rnd, values, Long.BYTES);
                    final long counter = s.rmw(key, delta, arena.allocateFrom(ValueLayout.JAVA_BYTE, initial));
                    final byte[] current = model.containsKey(k) ? model.get(k).clone() : initial.clone();
                    final MemorySegment m = MemorySegment.ofArray(current);
                    m.set(StoreFixture.LE, 0, m.get(StoreFixture.LE, 0) + delta);
                    model.put(k, current);
                    assertEquals(m.get(StoreFixture.LE, 0), counter, at + ": rmw result");
                } else if (kind < 87) {
                    assertEquals(model.remove(k) != null, s.delete(key), at + ": delete");
                } else {
                    final byte[] value = GeneratedStoreModelTest.value(rnd, values);
                    assertEquals(!model.containsKey(k), s.insert(key, arena.allocateFrom(ValueLayout.JAVA_BYTE,
                        value)), at + ": insert");
                    model.putIfAbsent(k, value);
                }
            }
            assertEveryKeyReads(s, arena, keys, model, out, why + ": final read");
            s.close();
            assertEquals(model.size(), store.metrics().orElseThrow().snapshot().get("index.live_keys"), 0.0,
                why + ": live-key metric");
            if (!c.spec().requirements().durability().isDurable()) {
                return;
            }
            try (Session before = store.openSession(1)) {
                // Every key of the last family live in the snapshot, the two of one tag among them when present.
                for (int k = keys.size() - 2; k < keys.size(); k++) {
                    final byte[] value = GeneratedStoreModelTest.value(rnd, values);
                    before.upsert(arena.allocateFrom(ValueLayout.JAVA_BYTE, keys.get(k)),
                        arena.allocateFrom(ValueLayout.JAVA_BYTE, value));
                    model.put(k, value);
                }
            }
            store.checkpoint();
            // After the checkpoint, and so not recovered: every key rewritten or deleted.
            try (Session after = store.openSession(1)) {
                for (int k = 0; k < keys.size(); k++) {
                    final MemorySegment key = arena.allocateFrom(ValueLayout.JAVA_BYTE, keys.get(k));
                    if (k % 2 == 0) {
                        after.delete(key);
                    } else {
                        after.upsert(key, arena.allocateFrom(ValueLayout.JAVA_BYTE, new byte[] {1, 2, 3, 4, 5}));
                    }
                }
            }
        }
        try (Store reopened = StoreFixture.open(c.spec(), c.design(), dir);
             Session s = reopened.openSession(0);
             Arena arena = Arena.ofConfined()) {
            assertTrue(reopened.recovery().restored(), why);
            assertEveryKeyReads(s, arena, keys, model, arena.allocate(values.max()), why + ": recovered read");
            assertEquals(model.size(), reopened.metrics().orElseThrow().snapshot().get("index.live_keys"), 0.0,
                why + ": recovered live keys");
        }
    }

    /** Reads every key and compares with the model: its value, or absent. */
    private static void assertEveryKeyReads(final Session s, final Arena arena, final List<byte[]> keys,
                                            final Map<Integer, byte[]> model, final MemorySegment out,
                                            final String why) {
        for (int k = 0; k < keys.size(); k++) {
            final int n = s.read(arena.allocateFrom(ValueLayout.JAVA_BYTE, keys.get(k)), out);
            final byte[] expected = model.get(k);
            if (expected == null) {
                assertEquals(Session.NOT_FOUND, n, why + " of absent key " + k);
            } else {
                assertArrayEquals(expected, out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), why + " of key " + k);
            }
        }
    }

    /**
     * Two 16-byte keys whose tags collide (found by a birthday search over 2^25 keys: little-endian counters 9,541,280
     * and 18,574,211 followed by the same 8 bytes). Only the key bytes in the chunks tell them apart.
     */
    @Test
    void keysSharingATagAreToldApartByTheirBytes() throws Exception {
        final Spec spec = Cards.withVariableKeys(Cards.spec("vk-collide", 1_000, new SizeDistribution.Uniform(8, 64),
            Cards.ALL_OPS, Durability.none(), Cards.GIB), new SizeDistribution.Fixed(16));
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir);
             Arena arena = Arena.ofConfined()) {
            final Session s = store.openSession(0);
            final MemorySegment a = collidingKey(arena, 9_541_280L);
            final MemorySegment b = collidingKey(arena, 18_574_211L);
            final java.lang.reflect.Method tagOf = s.getClass().getDeclaredMethod("tagOf", MemorySegment.class,
                int.class);
            tagOf.setAccessible(true);
            assertEquals(tagOf.invoke(null, a, 16), tagOf.invoke(null, b, 16), "precondition: the tags collide");

            final MemorySegment out = arena.allocate(64);
            s.upsert(a, arena.allocateFrom(ValueLayout.JAVA_BYTE, "value of a".getBytes()));
            assertEquals(Session.NOT_FOUND, s.read(b, out), "b was never written");
            assertTrue(s.insert(b, arena.allocateFrom(ValueLayout.JAVA_BYTE, "value of b".getBytes())));
            assertEquals("value of a", text(out, s.read(a, out)));
            assertEquals("value of b", text(out, s.read(b, out)));
            assertTrue(s.delete(a));
            assertEquals(Session.NOT_FOUND, s.read(a, out));
            assertEquals("value of b", text(out, s.read(b, out)), "deleting a kept b");
            assertFalse(s.delete(a));
            final MemorySegment zero = arena.allocate(8);
            assertEquals(5, s.rmw(a, 5, zero));
            final long counterOfB = MemorySegment.ofArray("value of b".getBytes()).get(StoreFixture.LE, 0);
            assertEquals(counterOfB + 7, s.rmw(b, 7, zero), "rmw on b adds to b's own first 8 bytes");
            assertEquals(5, s.rmw(a, 0, zero), "a's counter is its own");
            s.close();
            assertEquals(2.0, store.metrics().orElseThrow().snapshot().get("index.live_keys"), 0.0);
        }
    }

    /**
     * The tag reads every byte of every key length (the four-lane blocks, the single-word chain and the shifted last
     * word), and only the key's own bytes: the same key at another address, between other bytes, has the same tag.
     */
    @Test
    void everyByteOfTheKeyAndNothingBeyondItChangesTheTag() throws Exception {
        final Spec spec = Cards.withVariableKeys(Cards.spec("vk-tag", 1_000, new SizeDistribution.Fixed(16),
            Cards.ALL_OPS, Durability.none(), Cards.GIB), new SizeDistribution.Uniform(8, 300));
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir);
             Session session = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            final java.lang.reflect.Method tagOf = session.getClass()
                .getDeclaredMethod("tagOf", MemorySegment.class, int.class);
            tagOf.setAccessible(true);
            final MemorySegment wide = arena.allocate(320 + 16);
            for (int length = 8; length <= 300; length++) {
                final byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                final MemorySegment key = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
                final long tag = (long) tagOf.invoke(null, key, length);
                assertEquals(length, tag & 0xFFFF, "seed " + seed + ": the tag's low 16 bits are the length");

                final int at = 1 + random.nextInt(15);
                for (int i = 0; i < wide.byteSize(); i++) {
                    wide.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
                }
                MemorySegment.copy(key, 0, wide, at, length);
                assertEquals(tag, (long) tagOf.invoke(null, wide.asSlice(at, length), length),
                    "seed " + seed + ": length " + length + " read a byte outside the key");

                for (int i = 0; i < length; i++) {
                    final byte was = key.get(ValueLayout.JAVA_BYTE, i);
                    key.set(ValueLayout.JAVA_BYTE, i, (byte) (was ^ (1 << random.nextInt(8))));
                    assertNotEquals(tag, (long) tagOf.invoke(null, key, length),
                        "seed " + seed + ": length " + length + ", byte " + i + " does not reach the tag");
                    key.set(ValueLayout.JAVA_BYTE, i, was);
                }
            }
        }
    }

    private static MemorySegment collidingKey(final Arena arena, final long counter) {
        return arena.allocateFrom(ValueLayout.JAVA_BYTE, collidingKeyBytes(counter));
    }

    private static byte[] collidingKeyBytes(final long counter) {
        final MemorySegment k = MemorySegment.ofArray(new byte[16]);
        k.set(StoreFixture.LE, 0, counter);
        k.set(StoreFixture.LE, 8, 0x6a69_746b_6974_2121L);
        return k.toArray(ValueLayout.JAVA_BYTE);
    }

    private static String text(final MemorySegment out, final int n) {
        return new String(out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void keysOfLengthsTheCardDoesNotAllowAreRefusedAndChangeNothing() throws Exception {
        final Spec spec = Cards.withVariableKeys(Cards.spec("vk-refuse", 1_000, new SizeDistribution.Fixed(32),
            Cards.ALL_OPS, Durability.none(), Cards.GIB), new SizeDistribution.Uniform(12, 40));
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir);
             Arena arena = Arena.ofConfined();
             Session s = store.openSession(0)) {
            final MemorySegment value = arena.allocate(32);
            for (final int bad : new int[] {0, 8, 11, 41, 300}) {
                final MemorySegment key = arena.allocate(bad);
                final StoreException e = assertThrows(StoreException.class, () -> s.upsert(key, value),
                    "upsert with a " + bad + "-byte key");
                assertTrue(e.getMessage().contains("workload.keys.format"), e.getMessage());
            }
            assertEquals(0.0, store.metrics().orElseThrow().snapshot().get("index.live_keys"), 0.0);
        }
    }

    @Test
    void twoWritersAndReadersNeverSeeAnotherKeysValueOrATornOne() throws Exception {
        final long seed = System.nanoTime();
        final Spec spec = Cards.withVariableKeys(Cards.spec("vk-concurrent", 4_000,
            new SizeDistribution.Uniform(16, 200), Cards.ALL_OPS, Durability.none(), Cards.GIB),
            new SizeDistribution.Uniform(8, 48));
        final List<byte[]> keys = adversarialKeys(new SplittableRandom(seed), keySizes(spec), 600);
        final AtomicReference<String> failure = new AtomicReference<>();
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir)) {
            Parallel.run("vk-concurrent", 2, id -> {
                final SplittableRandom rnd = new SplittableRandom(seed + id);
                try (Arena arena = Arena.ofConfined(); Session s = store.openSession(id)) {
                    final MemorySegment out = arena.allocate(200);
                    final MemorySegment value = arena.allocate(200);
                    for (int op = 0; op < 200_000 && failure.get() == null; op++) {
                        final int k = rnd.nextInt(keys.size());
                        final MemorySegment key = arena.allocateFrom(ValueLayout.JAVA_BYTE, keys.get(k));
                        final int kind = rnd.nextInt(10);
                        if (kind < 5) {
                            final int n = s.read(key, out);
                            if (n >= 0) {
                                final String bad = checkValue(out.asSlice(0, n), k);
                                if (bad != null) {
                                    failure.compareAndSet(null, "seed " + seed + " key " + k + ": " + bad);
                                }
                            }
                        } else if (kind < 9) {
                            final int n = rnd.nextInt(16, 201);
                            fillValue(value, n, k, rnd.nextLong());
                            s.upsert(key, value.asSlice(0, n));
                        } else {
                            s.delete(key);
                        }
                    }
                } catch (final RuntimeException e) {
                    failure.compareAndSet(null, "seed " + seed + ": " + e);
                }
            });
        }
        assertEquals(null, failure.get());
    }

    /** A value that names its key: [key index, 4 B], then byte i is byte (i mod 8) of a random stamp. */
    private static void fillValue(final MemorySegment v, final int n, final int key, final long stamp) {
        v.set(ValueLayout.JAVA_INT_UNALIGNED, 0, key);
        for (int i = 4; i < n; i++) {
            v.set(ValueLayout.JAVA_BYTE, i, (byte) (stamp >>> ((i & 7) * 8)));
        }
    }

    private static String checkValue(final MemorySegment v, final int key) {
        if (v.get(ValueLayout.JAVA_INT_UNALIGNED, 0) != key) {
            return "read key " + v.get(ValueLayout.JAVA_INT_UNALIGNED, 0) + "'s value";
        }
        long stamp = 0;
        for (int i = Long.BYTES; i < 2 * Long.BYTES; i++) {
            stamp |= (v.get(ValueLayout.JAVA_BYTE, i) & 0xFFL) << ((i & 7) * 8);
        }
        for (int i = 4; i < v.byteSize(); i++) {
            if (v.get(ValueLayout.JAVA_BYTE, i) != (byte) (stamp >>> ((i & 7) * 8))) {
                return "torn value at byte " + i + " of " + v.byteSize();
            }
        }
        return null;
    }

    private static SizeDistribution keySizes(final Spec spec) {
        return ((io.jitskit.spec.KeyFormat.Variable) spec.workload().keyFormat()).sizes();
    }

    /**
     * Distinct keys of allowed lengths, built in families: a random first 8 bytes shared by several keys, keys that
     * extend one another by a byte, and keys equal but for their last byte.
     */
    static List<byte[]> adversarialKeys(final SplittableRandom rnd, final SizeDistribution sizes, final int count) {
        final Set<String> seen = new LinkedHashSet<>();
        final List<byte[]> keys = new ArrayList<>();
        while (keys.size() < count) {
            final byte[] base = new byte[sizes.max()];
            rnd.nextBytes(base);
            final List<byte[]> family = new ArrayList<>();
            for (int len = sizes.min(); len <= sizes.max() && family.size() < 4; len++) {
                if (sizes.allows(len)) {
                    family.add(java.util.Arrays.copyOf(base, len));
                }
            }
            final byte[] lastDiffers = family.get(0).clone();
            lastDiffers[lastDiffers.length - 1] ^= 1;
            family.add(lastDiffers);
            final byte[] sharedPrefix = java.util.Arrays.copyOf(base, pick(rnd, sizes));
            for (int i = Long.BYTES; i < sharedPrefix.length; i++) {
                sharedPrefix[i] = (byte) rnd.nextInt();
            }
            family.add(sharedPrefix);
            for (final byte[] k : family) {
                if (keys.size() < count && seen.add(HexFormat.of().formatHex(k))) {
                    keys.add(k);
                }
            }
        }
        assertFalse(keys.isEmpty());
        return keys;
    }

    private static int pick(final SplittableRandom rnd, final SizeDistribution sizes) {
        return switch (sizes) {
            case SizeDistribution.Bimodal b -> rnd.nextBoolean() ? b.small() : b.large();
            default -> rnd.nextInt(sizes.min(), sizes.max() + 1);
        };
    }
}
