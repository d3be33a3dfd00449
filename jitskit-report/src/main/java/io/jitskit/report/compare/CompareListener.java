package io.jitskit.report.compare;

import io.jitskit.harness.driver.ProgressListener;

/** Told as a comparison proceeds, for a terminal's benefit; called on the comparing thread. */
public interface CompareListener {

    CompareListener NONE = new CompareListener() {
        @Override
        public ProgressListener starting(final StoreVariant variant, final int round, final int rounds,
                                         final int index, final int total) {
            return ProgressListener.NONE;
        }

        @Override
        public void finished(final RunRecord run) {
        }
    };

    /**
     * A run is about to start.
     *
     * @param index 1-based position of this run among all planned runs
     * @param total all planned runs (skipped stores make the real count smaller)
     * @return where the run's per-second progress goes
     */
    ProgressListener starting(StoreVariant variant, int round, int rounds, int index, int total);

    void finished(RunRecord run);

    /** A run was disturbed by other processes and is about to run again; nothing by default. */
    default void disturbed(final StoreVariant variant, final int round, final io.jitskit.harness.bench.BenchResult r) {
    }
}
