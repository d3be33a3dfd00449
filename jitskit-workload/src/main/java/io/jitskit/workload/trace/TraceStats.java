package io.jitskit.workload.trace;

import io.jitskit.spec.Operation;
import io.jitskit.spec.TraceSource;

import java.util.List;

/**
 * What a converted trace holds, for reports and for sizing a store.
 *
 * @param format           the source format
 * @param requests         replayable requests (rows times their op_count)
 * @param distinctKeys     distinct keys, numbered {@code [0, distinctKeys)} in order of first appearance
 * @param sourceRows       rows read from the source, skipped ones included
 * @param malformedSkipped rows skipped as malformed (0 unless the trace card asks to skip)
 * @param opCounts         requests per operation, indexed by {@code Operation.ordinal()}
 * @param sizeMin          smallest value size over all requests
 * @param sizeMax          largest value size
 * @param sizeMean         mean value size over all requests
 * @param knownSizeMin     smallest non-zero value size (0 = unknown, on a read), or 0 when every size is unknown
 * @param timeMin          earliest timestamp
 * @param timeMax          latest timestamp
 * @param keysWithSize     distinct keys whose original length the trace records (0 for formats without one)
 * @param keySizeMin       shortest recorded key length in bytes, 0 when none is recorded
 * @param keySizeMax       longest recorded key length in bytes
 * @param keySizeMean      mean recorded key length over the keys with one (each key counted once)
 * @param valueSizeSample  evenly spaced quantiles, ascending, of the value size each key holds (the largest the
 *                         trace gives it; keys without a known size left out), at most 1,024
 * @param keySizeSample    the same for recorded key lengths; empty when the format records none
 */
public record TraceStats(
    TraceSource.Format format,
    long requests,
    long distinctKeys,
    long sourceRows,
    long malformedSkipped,
    List<Long> opCounts,
    int sizeMin,
    int sizeMax,
    double sizeMean,
    int knownSizeMin,
    long timeMin,
    long timeMax,
    long keysWithSize,
    int keySizeMin,
    int keySizeMax,
    double keySizeMean,
    List<Integer> valueSizeSample,
    List<Integer> keySizeSample) {

    public TraceStats {
        opCounts = List.copyOf(opCounts);
        valueSizeSample = List.copyOf(valueSizeSample);
        keySizeSample = List.copyOf(keySizeSample);
    }

    /** Requests of {@code op}. */
    public long count(final Operation op) {
        return opCounts.get(op.ordinal());
    }
}
