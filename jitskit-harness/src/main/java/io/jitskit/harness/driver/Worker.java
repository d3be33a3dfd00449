package io.jitskit.harness.driver;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.harness.freshness.FreshnessLedger;
import io.jitskit.workload.KeyFootprint;
import io.jitskit.workload.KeySpace;
import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CyclicBarrier;
import org.HdrHistogram.Histogram;

/**
 * One worker thread's loop: pull a batch from its {@link OpSource}, turn each op into a store call on its own
 * session, verify what reads return, count.
 *
 * <p>Everything the loop touches is preallocated here: key and value buffers (confined to this thread), slices per
 * length, one histogram per operation type. The loop allocates nothing per operation.
 */
final class Worker implements Runnable {

    /** A read returned bytes the harness never wrote for that key (forged, torn or misplaced). */
    static final int FAILURE_BAD_VALUE = 1;
    /** A key that must be present read as absent. */
    static final int FAILURE_LOST_KEY = 2;
    /** The store threw. */
    static final int FAILURE_EXCEPTION = 3;
    /** A read of a sampled key returned a replaced write, or nothing after an acknowledged write. */
    static final int FAILURE_STALE = 4;

    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();

    private final int index;
    private final Store store;
    private final OpSource source;
    private final KeySpace keySpace;
    private final ValueCodec codec;
    private final DriverOptions options;
    private final boolean missIsFailure;
    private final boolean upsertOnMiss;
    private final boolean upsertAsInsert;
    private final CyclicBarrier startLine;
    private final RunControl control;
    /** The distinct keys this worker's operations named (run phase only), or null. */
    final KeyFootprint footprint;
    /** Latest acknowledged writes of the sampled keys, shared by all workers of every phase; null turns it off. */
    private final FreshnessLedger ledger;
    private final FreshnessLedger.Reader fresh;
    final WorkerCounters counters = new WorkerCounters();

    // Results, read by the driver after join (Thread.join orders these plain writes before the reads).
    final Histogram[] latency = new Histogram[OpCode.COUNT];
    final long[] opsByType = new long[OpCode.COUNT];
    long readMisses;
    long failures;
    long verifiedReads;
    long generationNanos;
    long startNanos;
    long endNanos;
    long cpuNanos;
    int failureKind;
    String failureDetail;
    Throwable error;

    // Thread-confined buffers.
    private final Arena arena = Arena.ofShared();
    private final MemorySegment keyBuffer;
    private final MemorySegment[] keySlices;
    private final MemorySegment valueBuffer;
    private final MemorySegment readBuffer;
    private final MemorySegment[] valueSlices;
    private final MemorySegment[] readSlices;
    /** This worker's write sequence; continued from phase to phase, so its versions only grow. */
    long versionSeq;
    long freshReads;
    long freshWrites;

    Worker(final int index, final Store store, final OpSource source, final KeySpace keySpace, final ValueCodec codec,
           final DriverOptions options, final boolean missIsFailure, final boolean upsertOnMiss,
           final boolean upsertAsInsert,
           final int maxKeyBytes, final int maxValueBytes, final CyclicBarrier startLine, final RunControl control,
           final KeyFootprint footprint, final FreshnessLedger ledger, final long versionSeq) {
        this.index = index;
        this.store = store;
        this.source = source;
        this.keySpace = keySpace;
        this.codec = codec;
        this.options = options;
        this.missIsFailure = missIsFailure;
        this.upsertOnMiss = upsertOnMiss;
        this.upsertAsInsert = upsertAsInsert;
        this.startLine = startLine;
        this.control = control;
        this.footprint = footprint;
        this.ledger = ledger;
        this.fresh = ledger == null ? null : ledger.reader();
        this.versionSeq = versionSeq;
        // A word of slack lets KeySpace.writeKey finish a key with one 8-byte store.
        this.keyBuffer = arena.allocate(maxKeyBytes + Long.BYTES, 8);
        this.keySlices = new MemorySegment[maxKeyBytes + 1];
        for (int len = 1; len <= maxKeyBytes; len++) {
            keySlices[len] = keyBuffer.asSlice(0, len);
        }
        this.valueBuffer = arena.allocate(maxValueBytes, 8);
        this.readBuffer = arena.allocate(maxValueBytes, 8);
        this.valueSlices = new MemorySegment[maxValueBytes + 1];
        this.readSlices = new MemorySegment[maxValueBytes + 1];
        for (int op = 0; op < OpCode.COUNT; op++) {
            // 1 ns to 60 s at 2 significant digits: 1% resolution is enough for percentiles, and small to merge.
            latency[op] = new Histogram(1, 60_000_000_000L, 2);
        }
    }

    @Override
    public void run() {
        final OpBatch batch = new OpBatch(options.batchSize());
        final long sampleMask = (1L << options.sampleShift()) - 1;
        final long intervalNanos = options.targetOpsPerSecondPerThread() > 0
            ? 1_000_000_000L / options.targetOpsPerSecondPerThread() : 0;
        final long opLimit = control.opLimitPerWorker;
        try (Session session = store.openSession(index)) {
            awaitStart();
            final long start = System.nanoTime();
            startNanos = start;
            long done = 0;
            long genNanos = 0;
            while (control.running) {
                final long g0 = System.nanoTime();
                final int n = source.fill(batch);
                genNanos += System.nanoTime() - g0;
                if (n == 0) {
                    break;
                }
                final long after = runBatch(session, batch, n, done, start, intervalNanos, sampleMask, opLimit);
                done = after < 0 ? ~after : after;
                counters.publish(done);
                if (after < 0) {
                    break;
                }
            }
            endNanos = System.nanoTime();
            generationNanos = genNanos;
            cpuNanos = THREADS.getCurrentThreadCpuTime();
        } catch (final Throwable t) {
            endNanos = System.nanoTime();
            error = t;
            fail(FAILURE_EXCEPTION, -1, 0, 0);
        }
    }

    /**
     * Runs one batch. A method of its own, not a loop inside {@link #run}: a method called once per batch is compiled
     * once and entered compiled by every later worker, where a loop in {@code run} is reached through on-stack
     * replacement anew by each phase's fresh threads: the first second after a warm-up ran 15% to 25% slower than
     * the rest (EVALUATOR.md, cause 3).
     *
     * @return the operations done so far, or its complement ({@code ~done}, negative) when the worker must stop
     */
    private long runBatch(final Session session, final OpBatch batch, final int n, final long doneBefore,
                          final long start, final long intervalNanos, final long sampleMask, final long opLimit) {
        final byte[] ops = batch.ops;
        final long[] ids = batch.keyIds;
        final int[] sizes = batch.valueSizes;
        long done = doneBefore;
        for (int i = 0; i < n; i++) {
            final long intended = intervalNanos == 0 ? 0 : start + done * intervalNanos;
            if (intended != 0) {
                while (System.nanoTime() < intended) {
                    Thread.onSpinWait();
                }
            }
            final boolean sampled = (done & sampleMask) == 0;
            final long t0 = sampled ? (intended != 0 ? intended : System.nanoTime()) : 0;
            final byte op = ops[i];
            if (footprint != null) {
                footprint.touch(ids[i]);
            }
            if (!execute(session, op, ids[i], sizes[i])) {
                return ~done;
            }
            if (sampled) {
                latency[op].recordValue(Math.max(1, System.nanoTime() - t0));
            }
            opsByType[op]++;
            done++;
            if (done == opLimit) {
                return ~done;
            }
        }
        return done;
    }

    /** Performs one op; false stops the worker (a correctness failure). */
    private boolean execute(final Session session, final byte op, final long id, final int size) {
        final MemorySegment key = keySlices[keySpace.writeKey(id, keyBuffer)];
        final boolean tracked = ledger != null && ledger.tracks(id);
        switch (op) {
            case OpCode.READ -> {
                if (tracked) {
                    fresh.before(id);
                }
                final int len = session.read(key, readBuffer);
                if (len >= 0) {
                    final MemorySegment value = readSlice(len);
                    final long version = codec.verify(id, value);
                    if (version >= 0) {
                        verifiedReads++;
                    } else if (version != ValueCodec.UNVERIFIABLE) {
                        fail(FAILURE_BAD_VALUE, id, len, version);
                        return !options.stopOnFailure();
                    }
                    if (tracked) {
                        freshReads++;
                        final String stale = fresh.afterValue(id, version, value);
                        if (stale != null) {
                            return failStale(stale);
                        }
                    }
                } else {
                    readMisses++;
                    if (missIsFailure) {
                        fail(FAILURE_LOST_KEY, id, 0, 0);
                        return !options.stopOnFailure();
                    }
                    if (tracked) {
                        freshReads++;
                        final String stale = fresh.afterMiss(id);
                        if (stale != null) {
                            return failStale(stale);
                        }
                    }
                    if (upsertOnMiss && size > 0) {
                        write(session, OpCode.UPSERT, key, id, size, tracked);
                    }
                }
            }
            case OpCode.UPSERT -> write(session, upsertAsInsert ? OpCode.INSERT : OpCode.UPSERT, key, id, size,
                tracked);
            case OpCode.RMW -> {
                final MemorySegment initial = freshValue(id, size);
                if (tracked && ledger.countsRmw(id)) {
                    freshWrites++;
                    ledger.beginRmw(id, index);
                    session.rmw(key, 1, initial);
                    ledger.rmwDone(id, index);
                } else {
                    session.rmw(key, 1, initial);
                }
            }
            case OpCode.DELETE, OpCode.INSERT -> write(session, op, key, id, size, tracked);
            default -> throw new IllegalStateException("unknown op code " + op);
        }
        return true;
    }

    /**
     * An upsert, insert or delete; on a sampled key, announced to the ledger before it is issued and published once
     * the store acknowledged it (an insert that found its key present wrote nothing). An rmw is not a write here: on
     * a present key it keeps the value's version; the ledger counts it instead.
     */
    private void write(final Session session, final byte op, final MemorySegment key, final long id, final int size,
                       final boolean tracked) {
        final boolean delete = op == OpCode.DELETE;
        final MemorySegment value = delete ? null : freshValue(id, size);
        if (delete) {
            ++versionSeq;
        }
        final long version = versionSeq << 8 | index;
        final long begin = tracked ? ledger.beginWrite(id, index, version, delete) : 0;
        if (tracked) {
            freshWrites++;
        }
        final boolean applied = switch (op) {
            case OpCode.UPSERT -> {
                session.upsert(key, value);
                yield true;
            }
            case OpCode.INSERT -> session.insert(key, value);
            default -> {
                session.delete(key);
                yield true;
            }
        };
        if (tracked && applied) {
            ledger.completed(id, index, version, delete, begin);
        }
    }

    private boolean failStale(final String detail) {
        failures++;
        if (failureKind == 0) {
            failureKind = FAILURE_STALE;
            failureDetail = detail;
        }
        if (options.stopOnFailure()) {
            control.running = false;
        }
        return !options.stopOnFailure();
    }

    /** Writes a new version of {@code id}'s value into the value buffer. Versions are unique per worker. */
    private MemorySegment freshValue(final long id, final int size) {
        MemorySegment slice = valueSlices[size];
        if (slice == null) {
            slice = valueSlices[size] = valueBuffer.asSlice(0, size);
        }
        // Low byte: worker index, so versions from different workers never collide.
        codec.write(id, (++versionSeq << 8) | index, slice);
        return slice;
    }

    private static String describe(final long code) {
        if (code == ValueCodec.TORN) {
            return "torn: parts of different writes";
        }
        if (code == ValueCodec.WRONG_KEY) {
            return "another key's value";
        }
        return "bytes the harness never wrote";
    }

    private MemorySegment readSlice(final int len) {
        MemorySegment slice = readSlices[len];
        if (slice == null) {
            slice = readSlices[len] = readBuffer.asSlice(0, len);
        }
        return slice;
    }

    /** Records a failure; only the first builds its description, so counting failures stays allocation-free. */
    private void fail(final int kind, final long id, final int len, final long code) {
        failures++;
        if (failureKind == 0) {
            failureKind = kind;
            failureDetail = switch (kind) {
                case FAILURE_BAD_VALUE -> "key id " + id + ": read " + len + " bytes that fail verification ("
                    + describe(code) + ")";
                case FAILURE_LOST_KEY -> "key id " + id + " was loaded but reads absent";
                default -> "worker " + index + ": " + error;
            };
        }
        if (options.stopOnFailure() || kind == FAILURE_EXCEPTION) {
            control.running = false;
        }
    }

    private void awaitStart() throws Exception {
        startLine.await();
    }

    void release() {
        arena.close();
    }

    /** Flags shared by the driver and its workers. */
    static final class RunControl {
        /** Cleared by the driver at the deadline or by a worker on failure; workers check it once per batch. */
        volatile boolean running = true;
        final long opLimitPerWorker;

        RunControl(final long opLimitPerWorker) {
            this.opLimitPerWorker = opLimitPerWorker <= 0 ? Long.MAX_VALUE : opLimitPerWorker;
        }
    }
}
