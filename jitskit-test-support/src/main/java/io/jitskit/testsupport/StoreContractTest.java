package io.jitskit.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreProvider;
import io.jitskit.api.ValueSizeException;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store contract: what every store must do, checked through the SPI only. A store runs it through a thin
 * subclass:
 *
 * <pre>{@code
 * class MyStoreContractTest extends StoreContractTest {
 *     @Override protected StoreProvider provider() { return new MyStoreProvider(); }
 *     @Override protected Durability durability() { return Durability.commit(Duration.ofMillis(5)); } // optional
 * }
 * }</pre>
 *
 * <p>Hooks: {@link #provider()} (required); {@link #durability()} (the durability the specs ask for, default
 * {@code checkpoint}); {@link #spec(SizeDistribution, Path)} (how a test's spec is built, default
 * {@link TestSpecs#small}); {@link #crashDrillProvider()} (how the drill's child JVM finds the store, default the
 * provider's class name; override with a registered name or a jar path for stores not loadable by class name);
 * {@link #crashDrillKills()} (kills in the default run, default 3).
 *
 * <p>Tests that need durability are skipped (assumptions) when the store's {@link io.jitskit.api.StoreInfo} says it
 * gives none; every test is skipped when the provider's {@link StoreProvider#unsupportedReason} rejects its spec.
 * Randomized tests take their seed from the system property {@value #SEED_PROPERTY} when set, else draw one; every
 * assertion message starts with it. The crash drill runs the child JVM on {@link TestSpecs#drill}, not on
 * {@link #spec}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
public abstract class StoreContractTest {

    /** System property that fixes the seed of every randomized test, to reproduce a failure. */
    public static final String SEED_PROPERTY = "jitskit.test.seed";

    private static final int VALUE_BYTES = 100;

    /** Each test's private directory; stores get {@code tempDir/store} unless a test says otherwise. */
    @TempDir
    protected Path tempDir;

    private final List<Store> openStores = new ArrayList<>();
    private Arena arena;

    /** The store under test. */
    protected abstract StoreProvider provider();

    /** The durability the tests' specs ask for. */
    protected Durability durability() {
        return Durability.checkpoint();
    }

    /** The spec a test runs on, with the value sizes the test needs. */
    protected Spec spec(final SizeDistribution values, final Path dataDir) {
        return TestSpecs.small(durability(), values, dataDir);
    }

    /** What the crash drill's child passes to {@link CrashDrill#locate}. */
    protected String crashDrillProvider() {
        return provider().getClass().getName();
    }

    /** Kills in the default crash-drill test; the slow variant does many more. */
    protected int crashDrillKills() {
        return 3;
    }

    /* ---- Fixture ---- */

    @BeforeEach
    final void openArena() {
        arena = Arena.ofShared();
    }

    @AfterEach
    final void closeEverything() throws IOException {
        for (final Store store : openStores) {
            store.close();
        }
        openStores.clear();
        arena.close();
    }

    /** The seed of a randomized test: {@value #SEED_PROPERTY} if set, else a fresh one. */
    protected static long seed() {
        final String fixed = System.getProperty(SEED_PROPERTY);
        return fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
    }

    /** Opens the store on {@code spec} in {@code tempDir/store}; skips the test when the provider declines it. */
    protected final Store open(final Spec spec) throws IOException {
        return open(spec, storeDir());
    }

    protected final Store open(final Spec spec, final Path dataDir) throws IOException {
        final StoreContext context = new StoreContext(spec, dataDir);
        final String reason = provider().unsupportedReason(context);
        assumeTrue(reason == null, () -> provider().name() + " does not serve spec " + spec.name() + ": " + reason);
        final Store store = provider().open(context);
        openStores.add(store);
        return store;
    }

    protected final Store open(final SizeDistribution values) throws IOException {
        return open(spec(values, storeDir()));
    }

    /** Closes {@code store} (no checkpoint) and opens it again on the same directory. */
    protected final Store reopen(final Store store, final Spec spec) throws IOException {
        openStores.remove(store);
        store.close();
        return open(spec);
    }

    protected final Path storeDir() {
        return tempDir.resolve("store");
    }

    /** Skips the test unless the store says it gives some durability. */
    protected static void assumeDurable(final Store store) {
        assumeTrue(store.info().durability().isDurable(),
            () -> store.info().name() + " gives durability none with this spec");
    }

    protected final MemorySegment key(final long id) {
        final MemorySegment key = arena.allocate(TestKeys.ID_KEY_BYTES);
        TestKeys.writeIdKey(key, id);
        return key;
    }

    /** {@code size} bytes derived from {@code tag}: distinct tags give distinct values. */
    protected final MemorySegment value(final int size, final long tag) {
        final MemorySegment value = arena.allocate(Math.max(size, 1)).asSlice(0, size);
        TestKeys.fill(value, 0, tag, size, 17);
        return value;
    }

    protected final MemorySegment buffer(final int size) {
        return arena.allocate(size);
    }

    private static long counterOf(final MemorySegment value) {
        return value.get(TestKeys.LONG_LE, 0);
    }

    private static void assertSameBytes(final MemorySegment expected, final MemorySegment out, final int length,
                                        final String what) {
        assertEquals(expected.byteSize(), length, what + ": length");
        assertEquals(-1, out.asSlice(0, length).mismatch(expected), what + ": bytes differ");
    }

    static Stream<SizeDistribution> valueSizeDistributions() {
        return Stream.of(new SizeDistribution.Fixed(VALUE_BYTES), new SizeDistribution.Uniform(1, 300),
            new SizeDistribution.Bimodal(20, 200, 0.9));
    }

    /* ---- Reads and writes ---- */

    @Test
    void readOfAbsentKeyReturnsNotFound() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        try (Session session = store.openSession(0)) {
            assertEquals(Session.NOT_FOUND, session.read(key(1), buffer(VALUE_BYTES)));
        }
    }

    @ParameterizedTest
    @MethodSource("valueSizeDistributions")
    void upsertThenReadReturnsTheSameBytesForEveryAllowedSize(final SizeDistribution values) throws IOException {
        final Store store = open(values);
        final MemorySegment out = buffer(values.max());
        final List<Integer> sizes = new ArrayList<>();
        for (int size = values.min(); size <= values.max(); size++) {
            if (values.allows(size)) {
                sizes.add(size);
            }
        }
        try (Session session = store.openSession(0)) {
            for (final int size : sizes) {
                session.upsert(key(size), value(size, size));
                assertSameBytes(value(size, size), out, session.read(key(size), out), "size " + size);
            }
            for (final int size : sizes) {
                assertSameBytes(value(size, size), out, session.read(key(size), out), "size " + size
                    + " after all sizes were written");
            }
        }
    }

    @Test
    void overwriteWithADifferentSizeReturnsTheNewValue() throws IOException {
        final Store store = open(new SizeDistribution.Uniform(8, 256));
        final MemorySegment out = buffer(256);
        try (Session session = store.openSession(0)) {
            final int[] sizes = {200, 10, 256, 8, 9, 255, 200};
            for (int i = 0; i < sizes.length; i++) {
                session.upsert(key(7), value(sizes[i], i));
                assertSameBytes(value(sizes[i], i), out, session.read(key(7), out), "overwrite " + i);
            }
        }
    }

    @Test
    void readIntoTooSmallBufferThrowsAndTakesNoSerial() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        try (Session session = store.openSession(0)) {
            session.upsert(key(1), value(VALUE_BYTES, 1));
            final long serial = session.serial();
            final BufferTooSmallException e = assertThrows(BufferTooSmallException.class,
                () -> session.read(key(1), buffer(VALUE_BYTES - 1)));
            assertEquals(VALUE_BYTES, e.needed());
            assertEquals(serial, session.serial(), "a failed read takes no serial");
            final MemorySegment out = buffer(VALUE_BYTES);
            assertSameBytes(value(VALUE_BYTES, 1), out, session.read(key(1), out), "after the failed read");
        }
    }

    @ParameterizedTest
    @MethodSource("valueSizeDistributions")
    void offSpecValueSizesAreRejectedAndNothingIsWritten(final SizeDistribution values) throws IOException {
        final Store store = open(values);
        final List<Integer> offSpec = new ArrayList<>(List.of(values.min() - 1, values.max() + 1));
        if (values instanceof SizeDistribution.Bimodal bimodal) {
            offSpec.add((bimodal.small() + bimodal.large()) / 2);
            offSpec.add(bimodal.small() + 1);
            offSpec.add(bimodal.large() - 1);
        }
        final MemorySegment out = buffer(values.max() + 1);
        try (Session session = store.openSession(0)) {
            for (final int size : offSpec) {
                final long serial = session.serial();
                final MemorySegment k = key(1000 + size);
                assertThrows(ValueSizeException.class, () -> session.upsert(k, value(size, 1)), "upsert " + size);
                assertThrows(ValueSizeException.class, () -> session.insert(k, value(size, 1)), "insert " + size);
                assertThrows(ValueSizeException.class, () -> session.rmw(k, 1, value(size, 1)), "rmw " + size);
                assertEquals(serial, session.serial(), "rejected operations take no serial (size " + size + ")");
                assertEquals(Session.NOT_FOUND, session.read(k, out), "nothing written for size " + size);
            }
        }
    }

    @Test
    void keyLargerThanTheKeyFormatIsRejected() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        final MemorySegment longKey = buffer(TestKeys.ID_KEY_BYTES + 1);
        try (Session session = store.openSession(0)) {
            assertThrows(StoreException.class, () -> session.upsert(longKey, value(VALUE_BYTES, 1)));
            assertThrows(StoreException.class, () -> session.read(longKey, buffer(VALUE_BYTES)));
            assertEquals(0, session.serial(), "rejected operations take no serial");
        }
    }

    @Test
    void deleteRemovesTheKeyAndItCanBeInsertedAgain() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        final MemorySegment out = buffer(VALUE_BYTES);
        try (Session session = store.openSession(0)) {
            session.upsert(key(1), value(VALUE_BYTES, 1));
            assertTrue(session.delete(key(1)), "delete of a present key");
            assertEquals(Session.NOT_FOUND, session.read(key(1), out));
            assertFalse(session.delete(key(1)), "delete of an absent key");
            assertTrue(session.insert(key(1), value(VALUE_BYTES, 2)), "insert after delete");
            assertSameBytes(value(VALUE_BYTES, 2), out, session.read(key(1), out), "re-inserted");
            session.upsert(key(1), value(VALUE_BYTES, 3));
            assertSameBytes(value(VALUE_BYTES, 3), out, session.read(key(1), out), "upsert after re-insert");
        }
    }

    @Test
    void insertWritesOnlyAbsentKeys() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        final MemorySegment out = buffer(VALUE_BYTES);
        try (Session session = store.openSession(0)) {
            assertTrue(session.insert(key(1), value(VALUE_BYTES, 1)));
            assertFalse(session.insert(key(1), value(VALUE_BYTES, 2)));
            assertSameBytes(value(VALUE_BYTES, 1), out, session.read(key(1), out), "first insert wins");
        }
    }

    /* ---- Read-modify-write (add-u64) ---- */

    @Test
    void rmwOnAnAbsentKeyStartsFromTheInitialValue() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        final MemorySegment initial = value(VALUE_BYTES, 9);
        initial.set(TestKeys.LONG_LE, 0, 5);
        final MemorySegment out = buffer(VALUE_BYTES);
        try (Session session = store.openSession(0)) {
            assertEquals(8, session.rmw(key(1), 3, initial));
            assertEquals(VALUE_BYTES, session.read(key(1), out));
            assertEquals(8, counterOf(out));
            assertEquals(-1, out.asSlice(8, VALUE_BYTES - 8).mismatch(initial.asSlice(8, VALUE_BYTES - 8)),
                "bytes after the counter are the initial value's");
        }
    }

    @Test
    void rmwOnAPresentKeyAddsTheDeltaAndKeepsTheRestOfTheValue() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        final MemorySegment present = value(VALUE_BYTES, 4);
        present.set(TestKeys.LONG_LE, 0, 100);
        final MemorySegment initial = value(VALUE_BYTES, 5);
        final MemorySegment out = buffer(VALUE_BYTES);
        try (Session session = store.openSession(0)) {
            session.upsert(key(1), present);
            assertEquals(107, session.rmw(key(1), 7, initial));
            assertEquals(100, session.rmw(key(1), -7, initial));
            assertEquals(VALUE_BYTES, session.read(key(1), out));
            assertEquals(-1, out.mismatch(present), "counter back at 100, rest untouched");
        }
    }

    @Test
    void rmwCounterWrapsAroundAsAnUnsignedInteger() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        final MemorySegment initial = value(VALUE_BYTES, 6);
        initial.set(TestKeys.LONG_LE, 0, -1L); // 2^64 - 1
        try (Session session = store.openSession(0)) {
            assertEquals(0, session.rmw(key(1), 1, initial), "2^64 - 1 + 1 wraps to 0");
            assertEquals(2, session.rmw(key(1), 2, initial));
            initial.set(TestKeys.LONG_LE, 0, Long.MAX_VALUE);
            assertEquals(Long.MIN_VALUE, session.rmw(key(2), 1, initial), "2^63 - 1 + 1 is 2^63, not an overflow");
            final MemorySegment out = buffer(VALUE_BYTES);
            session.read(key(2), out);
            assertEquals(0x8000_0000_0000_0000L, counterOf(out));
        }
    }

    /* ---- Serial numbers ---- */

    @Test
    void everyOperationAdvancesTheSerialByOneReadsIncluded() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        final MemorySegment out = buffer(VALUE_BYTES);
        try (Session session = store.openSession(3)) {
            assertEquals(3, session.id());
            assertEquals(0, session.serial(), "a fresh store starts every session at 0");
            session.read(key(1), out);
            assertEquals(1, session.serial(), "read of an absent key");
            session.upsert(key(1), value(VALUE_BYTES, 1));
            assertEquals(2, session.serial());
            session.read(key(1), out);
            assertEquals(3, session.serial(), "read of a present key");
            session.insert(key(1), value(VALUE_BYTES, 2));
            assertEquals(4, session.serial(), "insert that found the key");
            session.rmw(key(1), 1, value(VALUE_BYTES, 3));
            assertEquals(5, session.serial());
            session.delete(key(1));
            assertEquals(6, session.serial());
            session.delete(key(1));
            assertEquals(7, session.serial(), "delete that found nothing");
        }
    }

    @Test
    void aReopenedSessionIdContinuesItsNumbering() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        try (Session session = store.openSession(1)) {
            session.upsert(key(1), value(VALUE_BYTES, 1));
            session.upsert(key(2), value(VALUE_BYTES, 2));
        }
        try (Session session = store.openSession(1); Session other = store.openSession(2)) {
            assertEquals(2, session.serial(), "the same logical client");
            assertEquals(0, other.serial(), "serials are per session");
        }
    }

    /* ---- Checkpoints and recovery ---- */

    @Test
    void checkpointOfAStoreWithoutDurabilityIsUnsupported() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        assumeFalse(store.info().durability().isDurable(), "the store is durable here");
        assertThrows(UnsupportedOperationException.class, store::checkpoint);
    }

    @Test
    void quiescentCheckpointReportsEverySessionsLastSerial() throws IOException {
        final Store store = open(new SizeDistribution.Fixed(VALUE_BYTES));
        assumeDurable(store);
        try (Session a = store.openSession(0); Session b = store.openSession(1)) {
            a.upsert(key(1), value(VALUE_BYTES, 1));
            a.read(key(1), buffer(VALUE_BYTES));
            b.upsert(key(2), value(VALUE_BYTES, 2));
            final Checkpoint first = store.checkpoint();
            assertEquals(2, first.serialOf(0));
            assertEquals(1, first.serialOf(1));
            b.delete(key(2));
            final Checkpoint second = store.checkpoint();
            assertTrue(second.id() > first.id(), "checkpoint ids increase");
            assertEquals(2, second.serialOf(1));
        }
    }

    @Test
    void cleanCloseAfterACheckpointRecoversTheStateAndTheSerials() throws IOException {
        final Spec spec = spec(new SizeDistribution.Uniform(8, 128), storeDir());
        Store store = open(spec);
        assumeDurable(store);
        assertFalse(store.recovery().restored(), "a fresh directory holds nothing");
        final MemorySegment out = buffer(128);
        final Checkpoint checkpoint;
        try (Session session = store.openSession(0)) {
            for (int i = 0; i < 100; i++) {
                session.upsert(key(i), value(8 + i, i));
            }
            for (int i = 0; i < 100; i += 3) {
                session.delete(key(i));
            }
            final MemorySegment initial = value(16, 1000);
            initial.set(TestKeys.LONG_LE, 0, 0);
            session.rmw(key(1000), 42, initial);
            checkpoint = store.checkpoint();
            assertEquals(session.serial(), checkpoint.serialOf(0));
        }
        long expectedSerial = checkpoint.serialOf(0);
        for (int round = 0; round < 2; round++) {
            store = reopen(store, spec);
            final Recovery recovery = store.recovery();
            final String where = "reopen " + round + ": ";
            assertTrue(recovery.restored(), where + "nothing restored");
            assertEquals(expectedSerial, recovery.serialOf(0), where + "nothing was issued after the checkpoint");
            try (Session session = store.openSession(0)) {
                assertEquals(expectedSerial, session.serial(), where + "a session continues from its recovered serial");
                for (int i = 0; i < 100; i++) {
                    if (i % 3 == 0) {
                        assertEquals(Session.NOT_FOUND, session.read(key(i), out), where + "deleted key " + i);
                    } else {
                        assertSameBytes(value(8 + i, i), out, session.read(key(i), out), where + "key " + i);
                    }
                }
                assertEquals(16, session.read(key(1000), out), where + "rmw key");
                assertEquals(42, counterOf(out), where + "rmw counter");
                for (int earlier = 0; earlier < round; earlier++) {
                    assertSameBytes(value(16, 2000 + earlier), out, session.read(key(2000 + earlier), out),
                        where + "key written after reopen " + earlier);
                }
                session.upsert(key(2000 + round), value(16, 2000 + round));
                final Checkpoint next = store.checkpoint();
                assertEquals(session.serial(), next.serialOf(0), where + "quiescent checkpoint");
                expectedSerial = next.serialOf(0);
            }
        }
    }

    @Test
    void randomOperationsAgreeWithAModelMap() throws IOException {
        final long seed = seed();
        final int keys = 50_000;
        final int operations = 150_000;
        final SizeDistribution values = new SizeDistribution.Uniform(8, 64);
        final Spec spec = spec(values, storeDir());
        Store store = open(spec);
        final Random random = new Random(seed);
        final Map<Integer, byte[]> model = new HashMap<>();
        final MemorySegment k = buffer(TestKeys.ID_KEY_BYTES);
        final MemorySegment v = buffer(64);
        final MemorySegment out = buffer(64);
        final byte[] bytes = new byte[64];
        try (Session session = store.openSession(0)) {
            for (int op = 0; op < operations; op++) {
                final int id = random.nextInt(keys);
                final int kind = random.nextInt(100);
                final int size = 8 + random.nextInt(57);
                random.nextBytes(bytes);
                final MemorySegment value = v.asSlice(0, size);
                MemorySegment.copy(bytes, 0, value, ValueLayout.JAVA_BYTE, 0, size);
                final byte[] valueBytes = value.toArray(ValueLayout.JAVA_BYTE);
                TestKeys.writeIdKey(k, id);
                final String where = "seed " + seed + ", operation " + op + ", key " + id;
                if (kind < 30) {
                    checkRead(session, k, out, model.get(id), where);
                } else if (kind < 60) {
                    session.upsert(k, value);
                    model.put(id, valueBytes);
                } else if (kind < 70) {
                    assertEquals(!model.containsKey(id), session.insert(k, value), where + ": insert");
                    model.putIfAbsent(id, valueBytes);
                } else if (kind < 80) {
                    assertEquals(model.remove(id) != null, session.delete(k), where + ": delete");
                } else {
                    final long delta = random.nextLong();
                    final byte[] next = model.getOrDefault(id, valueBytes).clone();
                    final MemorySegment nextSegment = MemorySegment.ofArray(next);
                    final long counter = nextSegment.get(TestKeys.LONG_LE, 0) + delta;
                    nextSegment.set(TestKeys.LONG_LE, 0, counter);
                    assertEquals(counter, session.rmw(k, delta, value), where + ": rmw result");
                    model.put(id, next);
                }
            }
            assertEquals(operations, session.serial(), "seed " + seed + ": one serial per operation");
            checkAll(session, keys, model, k, out, "seed " + seed + ", after the run");
            if (!store.info().durability().isDurable()) {
                return;
            }
            store.checkpoint();
        }
        store = reopen(store, spec);
        try (Session session = store.openSession(0)) {
            assertEquals(operations + keys, session.serial(), "seed " + seed + ": recovered serial");
            checkAll(session, keys, model, k, out, "seed " + seed + ", after checkpoint and reopen");
        }
    }

    private static void checkRead(final Session session, final MemorySegment key, final MemorySegment out,
                                  final byte[] expected, final String where) {
        final int length = session.read(key, out);
        if (expected == null) {
            assertEquals(Session.NOT_FOUND, length, where + ": should be absent");
        } else {
            assertEquals(expected.length, length, where + ": length");
            assertArrayEquals(expected, out.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), where + ": bytes");
        }
    }

    private static void checkAll(final Session session, final int keys, final Map<Integer, byte[]> model,
                                 final MemorySegment k, final MemorySegment out, final String where) {
        for (int id = 0; id < keys; id++) {
            TestKeys.writeIdKey(k, id);
            checkRead(session, k, out, model.get(id), where + ", key " + id);
        }
    }

    /* ---- Concurrency ---- */

    @Test
    void concurrentReadersSeeOnlyWrittenValuesAndNeverAnOlderOne() throws Exception {
        final long seed = seed();
        final int writers = 2;
        final int readers = 2;
        final int ownKeys = 64;
        final int sharedKeys = 16;
        final int totalKeys = writers * ownKeys + sharedKeys;
        final int writesPerWriter = 40_000;
        final int maxSize = 160;
        final SizeDistribution values = new SizeDistribution.Uniform(VersionedValue.MIN_BYTES, maxSize);
        final Store store = open(values);
        // issued[writer * totalKeys + key]: the last version a writer started writing to a key.
        final AtomicLongArray issued = new AtomicLongArray(writers * totalKeys);
        try (Arena preload = Arena.ofConfined(); Session session = store.openSession(writers + readers)) {
            final MemorySegment k = preload.allocate(TestKeys.ID_KEY_BYTES);
            final MemorySegment v = preload.allocate(maxSize);
            for (int key = 0; key < totalKeys; key++) {
                final int owner = key < writers * ownKeys ? key / ownKeys : 0;
                TestKeys.writeIdKey(k, key);
                VersionedValue.encode(v, key, owner, 0);
                session.upsert(k, v);
            }
        }
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean writing = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            final int writer = w;
            threads.add(Thread.ofPlatform().name("contract-writer-" + w).unstarted(() -> {
                final Random random = new Random(seed * 31 + writer);
                try (Arena local = Arena.ofConfined(); Session session = store.openSession(writer)) {
                    final MemorySegment k = local.allocate(TestKeys.ID_KEY_BYTES);
                    final MemorySegment v = local.allocate(maxSize);
                    final MemorySegment out = local.allocate(maxSize);
                    for (int i = 0; i < writesPerWriter && failures.isEmpty(); i++) {
                        final boolean own = random.nextBoolean();
                        final int key = own ? writer * ownKeys + random.nextInt(ownKeys)
                            : writers * ownKeys + random.nextInt(sharedKeys);
                        final long version = issued.get(writer * totalKeys + key) + 1;
                        // Published before the write starts, so a reader may see this version only after this.
                        issued.set(writer * totalKeys + key, version);
                        final int size = VersionedValue.MIN_BYTES
                            + random.nextInt(maxSize - VersionedValue.MIN_BYTES + 1);
                        final MemorySegment value = v.asSlice(0, size);
                        VersionedValue.encode(value, key, writer, version);
                        TestKeys.writeIdKey(k, key);
                        session.upsert(k, value);
                        if (own) {
                            final int length = session.read(k, out);
                            final VersionedValue.Stamp stamp = length < 0 ? null
                                : VersionedValue.decode(out, length, key);
                            if (stamp == null || stamp.writer() != writer || stamp.version() != version) {
                                failures.add("seed " + seed + ": writer " + writer + " wrote version " + version
                                    + " of its own key " + key + " and read back " + stamp + " (length " + length
                                    + ")");
                            }
                        }
                    }
                } catch (final RuntimeException | Error e) {
                    failures.add("seed " + seed + ": writer " + writer + " failed: " + e);
                }
            }));
        }
        for (int r = 0; r < readers; r++) {
            final int reader = r;
            threads.add(Thread.ofPlatform().name("contract-reader-" + r).unstarted(() -> {
                final Random random = new Random(seed * 17 + reader);
                final long[] lastSeen = new long[writers * totalKeys];
                try (Arena local = Arena.ofConfined(); Session session = store.openSession(writers + reader)) {
                    final MemorySegment k = local.allocate(TestKeys.ID_KEY_BYTES);
                    final MemorySegment out = local.allocate(maxSize);
                    while (writing.get() && failures.isEmpty()) {
                        final int key = random.nextInt(totalKeys);
                        TestKeys.writeIdKey(k, key);
                        final int length = session.read(k, out);
                        final VersionedValue.Stamp stamp = length < 0 ? null : VersionedValue.decode(out, length, key);
                        if (stamp == null || stamp.writer() < 0 || stamp.writer() >= writers) {
                            failures.add("seed " + seed + ": reader " + reader + " read key " + key + " as "
                                + (length < 0 ? "absent" : "bytes nobody wrote (torn or misplaced), length " + length));
                            return;
                        }
                        final int slot = stamp.writer() * totalKeys + key;
                        if (stamp.version() > issued.get(slot)) {
                            failures.add("seed " + seed + ": reader " + reader + " read version " + stamp.version()
                                + " of key " + key + " by writer " + stamp.writer() + ", never issued");
                        } else if (stamp.version() < lastSeen[slot]) {
                            failures.add("seed " + seed + ": reader " + reader + " read version " + stamp.version()
                                + " of key " + key + " by writer " + stamp.writer() + " after it had seen version "
                                + lastSeen[slot]);
                        }
                        lastSeen[slot] = stamp.version();
                    }
                } catch (final RuntimeException | Error e) {
                    failures.add("seed " + seed + ": reader " + reader + " failed: " + e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (int w = 0; w < writers; w++) {
            threads.get(w).join();
        }
        writing.set(false);
        for (final Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void checkpointTakenWhileWritersRunRecoversAReportedPrefix() throws Exception {
        final long seed = seed();
        final DrillWorkload workload = new DrillWorkload(seed, 2, 500, 4, 32);
        final Spec spec = spec(new SizeDistribution.Fixed(workload.valueSize()), storeDir());
        Store store = open(spec);
        assumeDurable(store);
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLongArray finalSerials = new AtomicLongArray(workload.sessions());
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        final Store shared = store;
        for (int s = 0; s < workload.sessions(); s++) {
            final int sessionId = s;
            threads.add(Thread.ofPlatform().name("contract-drill-" + s).start(() -> {
                try (Arena local = Arena.ofConfined(); Session session = shared.openSession(sessionId)) {
                    final DrillWorkload.Buffers buffers = workload.buffers(local);
                    while (running.get()) {
                        workload.issueNext(session, buffers);
                    }
                    finalSerials.set(sessionId, session.serial());
                } catch (final RuntimeException | Error e) {
                    failures.add("seed " + seed + ": session " + sessionId + " failed: " + e);
                }
            }));
        }
        TimeUnit.MILLISECONDS.sleep(100);
        final Checkpoint first = store.checkpoint();
        TimeUnit.MILLISECONDS.sleep(100);
        final Checkpoint second = store.checkpoint();
        running.set(false);
        for (final Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        store = reopen(store, spec);
        final Recovery recovery = store.recovery();
        final Map<Integer, Long> prefixes = new HashMap<>();
        for (int s = 0; s < workload.sessions(); s++) {
            final String where = "seed " + seed + ", session " + s + ": ";
            assertTrue(first.serialOf(s) <= second.serialOf(s), where + "checkpoints went back: " + first + " then "
                + second);
            assertTrue(second.serialOf(s) > 0, where + "the checkpoint, taken 200 ms into the run, holds nothing");
            assertTrue(recovery.serialOf(s) >= second.serialOf(s), where + "recovered " + recovery.serialOf(s)
                + ", below the last checkpoint's " + second.serialOf(s));
            assertTrue(recovery.serialOf(s) <= finalSerials.get(s), where + "recovered " + recovery.serialOf(s)
                + ", beyond the " + finalSerials.get(s) + " issued");
            prefixes.put(s, recovery.serialOf(s));
        }
        final String difference = workload.verify(store, prefixes, workload.sessions() + 1);
        assertTrue(difference == null, () -> "seed " + seed + ": recovered state is not the prefix " + prefixes + ": "
            + difference);
    }

    @Test
    void periodicCheckpointsKeepTheDataDirectoryBounded() throws IOException {
        final int valueBytes = 1024;
        final Store store = open(new SizeDistribution.Fixed(valueBytes));
        assumeDurable(store);
        final int keys = 64;
        final int writesPerRound = 4096;
        final long[] sizes = new long[4];
        final MemorySegment v = value(valueBytes, 1);
        try (Session session = store.openSession(0)) {
            for (int round = 0; round < sizes.length; round++) {
                for (int i = 0; i < writesPerRound; i++) {
                    v.set(TestKeys.LONG_LE, 0, i);
                    session.upsert(key(i % keys), v);
                    if (i % 512 == 511) {
                        store.checkpoint();
                    }
                }
                sizes[round] = directorySize(storeDir());
            }
        }
        // A store that never reclaims grows by one round's bytes every round. A log-structured store reclaims lazily
        // (segments are compacted once sealed), so its size settles rather than staying flat: over the last two
        // rounds it may grow by at most half a round per round, and it may never hold half of all bytes written.
        final long round = (long) writesPerRound * valueBytes;
        final long written = sizes.length * round;
        assertTrue(sizes[3] - sizes[1] <= round && sizes[3] <= written / 2 + (1 << 20), () -> "the data directory "
            + "grew " + java.util.Arrays.toString(sizes) + " bytes over " + written + " bytes of overwrites of " + keys
            + " keys; a store must reclaim the space of overwritten values");
    }

    /**
     * Bytes the files under {@code dir} hold: per file the smaller of its apparent size and its allocated blocks, so
     * that neither a sparse file (LMDB's MDB_WRITEMAP extends its file to the map size) nor a preallocated one
     * (RocksDB fallocates its WAL) counts space it does not use. A file deleted mid-walk counts as reclaimed.
     */
    private static long directorySize(final Path dir) throws IOException {
        final Map<Path, Long> allocated = allocatedBytes(dir);
        final long[] total = new long[1];
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(final Path file,
                                                           final java.nio.file.attribute.BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += Math.min(attrs.size(), allocated.getOrDefault(file, attrs.size()));
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(final Path file, final IOException e)
                throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return total[0];
    }

    /** Allocated bytes of every file under {@code dir}, as {@code du -a -B1} reports them. */
    private static Map<Path, Long> allocatedBytes(final Path dir) throws IOException {
        final Process du = new ProcessBuilder("du", "-a", "-B1", dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            du.waitFor(); // exits 1 when a file vanished mid-walk, yet lists the rest
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while du measured " + dir, e);
        }
        final Map<Path, Long> sizes = new HashMap<>();
        for (final String line : out.split("\n")) {
            final int tab = line.indexOf('\t');
            if (tab > 0) {
                sizes.put(Path.of(line.substring(tab + 1)), Long.parseLong(line.substring(0, tab)));
            }
        }
        return sizes;
    }

    /* ---- Crash recovery in a child JVM ---- */

    @Test
    void sigkillDuringFuzzyCheckpointsRecoversExactlyTheReportedPrefix() throws Exception {
        runCrashDrills(crashDrillKills());
    }

    @Test
    @Tag("slow")
    void sigkillAtManyPointsRecoversExactlyTheReportedPrefix() throws Exception {
        runCrashDrills(24);
    }

    private void runCrashDrills(final int kills) throws Exception {
        final Path probeDir = tempDir.resolve("probe");
        final StoreContext probeContext = new StoreContext(TestSpecs.drill(durability(), 32, probeDir), probeDir);
        final String reason = provider().unsupportedReason(probeContext);
        assumeTrue(reason == null, () -> provider().name() + " does not serve the crash drill's spec: " + reason);
        final Durability given;
        try (Store probe = provider().open(probeContext)) {
            given = probe.info().durability();
        }
        assumeTrue(given.isDurable(), "the store gives durability none here");
        final long seed = seed();
        for (int kill = 0; kill < kills; kill++) {
            CrashDrill.Config config = CrashDrill.Config.of(crashDrillProvider(), durability(), seed + kill);
            // Every third drill takes no checkpoint: recovery from the log alone (COMMIT) or from nothing.
            // Under COMMIT that drill also stops the writers before the kill, so group commit alone must save the
            // last acknowledged operations.
            if (kill % 3 == 2) {
                config = config.withoutCheckpoints();
                if (durability().level() == Durability.Level.COMMIT) {
                    config = config.quiescedBeforeKill();
                }
            }
            final Path work = Files.createDirectories(tempDir.resolve("drill-" + kill));
            final CrashDrill.Outcome outcome = CrashDrill.run(provider(), config, work);
            assertNotNull(outcome);
            if (config.checkpointEveryMillis() > 0 && outcome.checkpointsSeen() == 0) {
                fail("seed " + config.seed() + ": the child printed no checkpoint; the drill checked nothing about "
                    + "checkpoints: " + outcome);
            }
        }
    }
}
