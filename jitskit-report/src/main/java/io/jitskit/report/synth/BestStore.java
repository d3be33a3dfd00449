package io.jitskit.report.synth;

import java.util.Objects;

/**
 * The best store a synthesis run found.
 *
 * @param iteration the attempt that produced it
 * @param design    its design in one line
 * @param mops      its throughput in Mops/s when accepted
 * @param jar       the store jar, relative to the run directory (e.g. {@code best/store.jar})
 * @param source    its main source file, relative to the run directory
 */
public record BestStore(int iteration, String design, double mops, String jar, String source) {

    public BestStore {
        Objects.requireNonNull(design, "design");
    }
}
