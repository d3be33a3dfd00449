package io.jitskit.synth.loop;

import java.util.List;
import java.util.Locale;

/**
 * Where an evaluation run outside the loop's JVM was measured, and how it got there.
 *
 * @param node            the host name of the machine that ran the gate and the benchmark
 * @param calibrationMops that machine's throughput on a fixed reference store and card just before (see
 *                        {@link Calibration}), NaN when it could not run: the figure that makes results from
 *                        different nodes comparable
 * @param attempts        each attempt in order, e.g. {@code job 41 CANCELLED}, {@code job 42 COMPLETED}; more than
 *                        one when the cluster (or a signal) ended the first and it ran once more
 */
public record Placement(String node, double calibrationMops, List<String> attempts) {

    public Placement {
        attempts = List.copyOf(attempts);
    }

    /** One clause for the attempt's reason: the node, its calibration, and any attempt that did not complete. */
    public String describe() {
        final StringBuilder b = new StringBuilder("on ").append(node);
        b.append(Double.isNaN(calibrationMops) ? " (no calibration)"
            : String.format(Locale.ROOT, " (calibration %.3f Mops/s)", calibrationMops));
        if (attempts.size() > 1) {
            b.append(", ran again after ").append(String.join(", ", attempts.subList(0, attempts.size() - 1)));
        }
        return b.toString();
    }
}
