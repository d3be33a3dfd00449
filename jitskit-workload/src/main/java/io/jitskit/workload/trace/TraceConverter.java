package io.jitskit.workload.trace;

import io.jitskit.spec.TraceSource;
import io.jitskit.workload.OpCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts a trace in its source format into the compact form of {@link CompactTraceDescriptor}: parses every row
 * once, numbers keys densely in order of first appearance, expands op_count, appends each key's original length and
 * samples of what the keys hold, and writes the header last, when the counts are known.
 */
final class TraceConverter {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private TraceConverter() {
    }

    static void convert(final Path source, final TraceSource.Format format, final boolean skipMalformed,
                        final Path target) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        final LongIntHashMap numericIds = new LongIntHashMap(1 << 12);
        final Map<String, Integer> textIds = new HashMap<>();
        final long[] opCounts = new long[OpCode.COUNT];
        final TraceRecord row = new TraceRecord();
        char[] keySizes = new char[1 << 12]; // u16 per dense key id; 0 until a row gives the key's length
        int[] valueSizes = new int[1 << 12]; // per dense key id: the largest value size a row gives it, 0 if none
        long requests = 0;
        int distinct = 0;
        long sizeSum = 0;
        int sizeMin = Integer.MAX_VALUE;
        int sizeMax = 0;
        int knownSizeMin = Integer.MAX_VALUE;
        long timeMin = Long.MAX_VALUE;
        long timeMax = Long.MIN_VALUE;
        try (TraceReader reader = TraceReader.open(source, format, skipMalformed);
             FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE,
                 StandardOpenOption.TRUNCATE_EXISTING)) {
            out.position(CompactTraceDescriptor.HEADER_BYTES);
            while (reader.next(row)) {
                final int id;
                if (row.textKey != null) {
                    final Integer known = textIds.putIfAbsent(row.textKey, distinct);
                    id = known != null ? known : distinct;
                } else {
                    id = numericIds.putIfAbsent(row.numericKey, distinct);
                }
                if (id == distinct) {
                    if (distinct == CompactTraceDescriptor.MAX_DISTINCT_KEYS) {
                        throw new MalformedTraceException(source, Long.toString(row.location), row.location,
                            "more than " + CompactTraceDescriptor.MAX_DISTINCT_KEYS + " distinct keys",
                            "split the trace into smaller files");
                    }
                    distinct++;
                    if (distinct > keySizes.length) {
                        final int grown = (int) Math.min(MAX_ARRAY, 2L * keySizes.length);
                        keySizes = Arrays.copyOf(keySizes, grown);
                        valueSizes = Arrays.copyOf(valueSizes, grown);
                    }
                }
                // A key keeps the first length the trace gives it: an anonymized key stands for one original key.
                if (row.keySize > 0 && keySizes[id] == 0) {
                    keySizes[id] = (char) row.keySize;
                }
                // The largest size is what a store must hold for the key; a read's size is the object's, too.
                valueSizes[id] = Math.max(valueSizes[id], row.size);
                final int packed = CompactTraceDescriptor.packOpAndSize(row.op, row.size);
                for (int c = 0; c < row.count; c++) {
                    if (buffer.remaining() < CompactTraceDescriptor.RECORD_BYTES) {
                        drain(buffer, out);
                    }
                    buffer.putInt(id).putInt(packed);
                }
                requests += row.count;
                opCounts[row.op] += row.count;
                sizeSum += (long) row.size * row.count;
                sizeMin = Math.min(sizeMin, row.size);
                sizeMax = Math.max(sizeMax, row.size);
                if (row.size > 0) {
                    knownSizeMin = Math.min(knownSizeMin, row.size);
                }
                timeMin = Math.min(timeMin, row.time);
                timeMax = Math.max(timeMax, row.time);
            }
            drain(buffer, out);
            int keySizeMin = Integer.MAX_VALUE;
            int keySizeMax = 0;
            long keySizeSum = 0;
            long keysWithSize = 0;
            for (int id = 0; id < distinct; id++) {
                if (buffer.remaining() < CompactTraceDescriptor.KEY_SIZE_BYTES) {
                    drain(buffer, out);
                }
                final char keySize = keySizes[id];
                buffer.putChar(keySize);
                if (keySize > 0) {
                    keySizeMin = Math.min(keySizeMin, keySize);
                    keySizeMax = Math.max(keySizeMax, keySize);
                    keySizeSum += keySize;
                    keysWithSize++;
                }
            }
            final int[] valueSample = sample(valueSizes, distinct);
            final int[] keySample = sample(keySizes, distinct);
            for (final int[] entries : new int[][] {valueSample, keySample}) {
                for (final int entry : entries) {
                    if (buffer.remaining() < CompactTraceDescriptor.SAMPLE_ENTRY_BYTES) {
                        drain(buffer, out);
                    }
                    buffer.putInt(entry);
                }
            }
            drain(buffer, out);
            if (requests == 0) {
                sizeMin = 0;
                timeMin = 0;
                timeMax = 0;
            }
            if (knownSizeMin == Integer.MAX_VALUE) {
                knownSizeMin = 0;
            }
            if (keysWithSize == 0) {
                keySizeMin = 0;
            }
            buffer.putLong(CompactTraceDescriptor.MAGIC)
                .putInt(CompactTraceDescriptor.LAYOUT_VERSION)
                .putInt(format.ordinal())
                .putLong(requests)
                .putLong(distinct)
                .putLong(reader.rowsRead())
                .putLong(reader.malformedSkipped());
            for (final long count : opCounts) {
                buffer.putLong(count);
            }
            buffer.putInt(sizeMin).putInt(sizeMax).putLong(sizeSum).putLong(timeMin).putLong(timeMax)
                .putInt(knownSizeMin).putInt(keySizeMin).putInt(keySizeMax).putInt(0)
                .putLong(keySizeSum).putLong(keysWithSize).putInt(valueSample.length).putInt(keySample.length);
            while (buffer.position() < CompactTraceDescriptor.HEADER_BYTES) {
                buffer.put((byte) 0);
            }
            buffer.flip();
            out.write(buffer, 0);
            out.force(true);
        }
    }

    /** Quantiles of the non-zero entries among the first {@code n}. */
    private static int[] sample(final int[] sizes, final int n) {
        final int[] known = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (sizes[i] > 0) {
                known[k++] = sizes[i];
            }
        }
        Arrays.sort(known, 0, k);
        return CompactTraceDescriptor.quantiles(known, k);
    }

    private static int[] sample(final char[] sizes, final int n) {
        final int[] widened = new int[n];
        for (int i = 0; i < n; i++) {
            widened[i] = sizes[i];
        }
        return sample(widened, n);
    }

    private static void drain(final ByteBuffer buffer, final FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
