package io.jitskit.workload.trace;

import io.jitskit.spec.TraceSource;
import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A converted trace, memory-mapped read-only, and the replay sources over it.
 *
 * <p>Replay interleaves: thread t of T replays requests t, t + T, t + 2T, ... so all threads advance through the
 * trace's time together and the working set at any moment is the trace's own; contiguous chunks would replay T
 * distant periods at once. With loop, a thread starts again at request t after its last one. The mapping lives in a
 * shared arena: sources may run on any threads, and {@link #close} invalidates them all.
 */
public final class CompactTrace implements AutoCloseable {

    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE =
        ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final boolean convertedNow;
    private final Arena arena;
    private final MemorySegment mapped;
    private final TraceStats stats;

    private CompactTrace(final Path file, final boolean convertedNow, final Arena arena, final MemorySegment mapped,
                         final TraceStats stats) {
        this.file = file;
        this.convertedNow = convertedNow;
        this.arena = arena;
        this.mapped = mapped;
        this.stats = stats;
    }

    /**
     * Maps a compact trace file.
     *
     * @throws IOException when the file is not a complete compact trace of this layout version
     */
    static CompactTrace map(final Path file, final boolean convertedNow) throws IOException {
        final Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long length = channel.size();
            if (length < CompactTraceDescriptor.HEADER_BYTES) {
                throw damaged(file, "shorter than its header");
            }
            final MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
            if (mapped.get(LONG_LE, CompactTraceDescriptor.MAGIC_OFFSET) != CompactTraceDescriptor.MAGIC
                || mapped.get(INT_LE, CompactTraceDescriptor.VERSION_OFFSET) != CompactTraceDescriptor.LAYOUT_VERSION) {
                throw damaged(file, "not a compact trace of layout version " + CompactTraceDescriptor.LAYOUT_VERSION);
            }
            final long requests = mapped.get(LONG_LE, CompactTraceDescriptor.RECORDS_OFFSET);
            final long distinct = mapped.get(LONG_LE, CompactTraceDescriptor.DISTINCT_KEYS_OFFSET);
            final int valueSample = mapped.get(INT_LE, CompactTraceDescriptor.VALUE_SAMPLE_OFFSET);
            final int keySample = mapped.get(INT_LE, CompactTraceDescriptor.KEY_SAMPLE_OFFSET);
            if (valueSample < 0 || valueSample > CompactTraceDescriptor.MAX_SAMPLE || keySample < 0
                || keySample > CompactTraceDescriptor.MAX_SAMPLE
                || length != CompactTraceDescriptor.fileBytes(requests, distinct, valueSample, keySample)) {
                throw damaged(file, "length " + length + " does not match its " + requests + " records and "
                    + distinct + " keys");
            }
            return new CompactTrace(file, convertedNow, arena, mapped,
                readStats(mapped, requests, distinct, valueSample, keySample));
        } catch (final IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static IOException damaged(final Path file, final String problem) {
        return new IOException(file + ": " + problem + "; delete it and the trace is converted again");
    }

    private static TraceStats readStats(final MemorySegment header, final long requests, final long distinct,
                                        final int valueSample, final int keySample) {
        final long samples = CompactTraceDescriptor.samplesOffset(requests, distinct);
        final List<Long> ops = new ArrayList<>();
        for (int op = 0; op < OpCode.COUNT; op++) {
            ops.add(header.get(LONG_LE, CompactTraceDescriptor.OP_COUNTS_OFFSET + (long) op * Long.BYTES));
        }
        final long sizeSum = header.get(LONG_LE, CompactTraceDescriptor.SIZE_SUM_OFFSET);
        final long keysWithSize = header.get(LONG_LE, CompactTraceDescriptor.KEYS_WITH_SIZE_OFFSET);
        final long keySizeSum = header.get(LONG_LE, CompactTraceDescriptor.KEY_SIZE_SUM_OFFSET);
        return new TraceStats(
            TraceSource.Format.values()[header.get(INT_LE, CompactTraceDescriptor.FORMAT_OFFSET)],
            requests,
            header.get(LONG_LE, CompactTraceDescriptor.DISTINCT_KEYS_OFFSET),
            header.get(LONG_LE, CompactTraceDescriptor.SOURCE_ROWS_OFFSET),
            header.get(LONG_LE, CompactTraceDescriptor.MALFORMED_OFFSET),
            ops,
            header.get(INT_LE, CompactTraceDescriptor.SIZE_MIN_OFFSET),
            header.get(INT_LE, CompactTraceDescriptor.SIZE_MAX_OFFSET),
            requests == 0 ? 0 : (double) sizeSum / requests,
            header.get(INT_LE, CompactTraceDescriptor.KNOWN_SIZE_MIN_OFFSET),
            header.get(LONG_LE, CompactTraceDescriptor.TIME_MIN_OFFSET),
            header.get(LONG_LE, CompactTraceDescriptor.TIME_MAX_OFFSET),
            keysWithSize,
            header.get(INT_LE, CompactTraceDescriptor.KEY_SIZE_MIN_OFFSET),
            header.get(INT_LE, CompactTraceDescriptor.KEY_SIZE_MAX_OFFSET),
            keysWithSize == 0 ? 0 : (double) keySizeSum / keysWithSize,
            readSample(header, samples, valueSample),
            readSample(header, samples + (long) valueSample * CompactTraceDescriptor.SAMPLE_ENTRY_BYTES, keySample));
    }

    private static List<Integer> readSample(final MemorySegment file, final long at, final int entries) {
        final List<Integer> sample = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            sample.add(file.get(INT_LE, at + (long) i * CompactTraceDescriptor.SAMPLE_ENTRY_BYTES));
        }
        return sample;
    }

    public TraceStats stats() {
        return stats;
    }

    /** The compact file. */
    public Path file() {
        return file;
    }

    /** Whether this open converted the source (false when the cached conversion was reused). */
    public boolean convertedNow() {
        return convertedNow;
    }

    /** Number of requests. */
    public long requests() {
        return stats.requests();
    }

    /** The op code of request {@code i}. */
    public byte op(final long i) {
        return CompactTraceDescriptor.op(opAndSize(i));
    }

    /** The dense key id of request {@code i}. */
    public long keyId(final long i) {
        return Integer.toUnsignedLong(mapped.get(INT_LE, CompactTraceDescriptor.recordOffset(i)));
    }

    /** The value size of request {@code i}. */
    public int valueSize(final long i) {
        return CompactTraceDescriptor.size(opAndSize(i));
    }

    /**
     * The original length in bytes of the key with dense id {@code keyId}, as the trace recorded it, or 0 when the
     * trace does not record key lengths (or not this key's), or {@code keyId} is not one of its keys. Allocation-free.
     */
    public int keySize(final long keyId) {
        if (keyId < 0 || keyId >= stats.distinctKeys()) {
            return 0;
        }
        return Short.toUnsignedInt(mapped.get(SHORT_LE,
            CompactTraceDescriptor.keySizeTableOffset(stats.requests()) + keyId * CompactTraceDescriptor.KEY_SIZE_BYTES));
    }

    private int opAndSize(final long i) {
        return mapped.get(INT_LE, CompactTraceDescriptor.recordOffset(i) + Integer.BYTES);
    }

    /** One replay source per thread. */
    public OpSource[] sources(final int threads, final boolean loop) {
        final OpSource[] sources = new OpSource[threads];
        for (int t = 0; t < threads; t++) {
            sources[t] = new Replay(t, threads, loop);
        }
        return sources;
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Replays requests {@code thread, thread + threads, ...}. Single-threaded; allocation-free per fill. */
    private final class Replay implements OpSource {

        private final long first;
        private final long stride;
        private final boolean loop;
        private long next;

        Replay(final int thread, final int threads, final boolean loop) {
            this.first = thread;
            this.stride = threads;
            this.loop = loop;
            this.next = thread;
        }

        @Override
        public int fill(final OpBatch batch) {
            final long requests = stats.requests();
            final int capacity = batch.capacity();
            int n = 0;
            while (n < capacity) {
                if (next >= requests) {
                    if (!loop || first >= requests) {
                        break;
                    }
                    next = first;
                }
                final long offset = CompactTraceDescriptor.recordOffset(next);
                final int opAndSize = mapped.get(INT_LE, offset + Integer.BYTES);
                batch.ops[n] = CompactTraceDescriptor.op(opAndSize);
                batch.keyIds[n] = Integer.toUnsignedLong(mapped.get(INT_LE, offset));
                batch.valueSizes[n] = CompactTraceDescriptor.size(opAndSize);
                n++;
                next += stride;
            }
            batch.size = n;
            return n;
        }
    }
}
