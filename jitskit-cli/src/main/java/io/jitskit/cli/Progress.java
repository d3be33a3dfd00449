package io.jitskit.cli;

import io.jitskit.harness.driver.ProgressListener;
import java.util.Locale;

/**
 * Progress on a terminal: one line redrawn in place each second. Off a terminal (CI, pipes), a plain line every ten
 * seconds, so logs stay readable.
 */
final class Progress implements ProgressListener {

    private final String what;
    private final boolean terminal = System.console() != null;
    private boolean drawn;

    Progress(final String what) {
        this.what = what;
    }

    @Override
    public synchronized void onTick(final String phase, final long elapsedMillis, final long plannedMillis,
                                    final long operations, final long lastSecondOps) {
        final String of = plannedMillis > 0 ? String.format(Locale.ROOT, "/%ds", plannedMillis / 1000) : "";
        final String line = String.format(Locale.ROOT, "%s: %s %ds%s  %,d ops  %.2f Mops/s", what, phase,
            elapsedMillis / 1000, of, operations, lastSecondOps / 1e6);
        if (terminal) {
            System.err.print("\r\033[2K" + line);
            drawn = true;
        } else if ((elapsedMillis / 1000) % 10 == 0) {
            System.err.println(line);
        }
    }

    synchronized void done() {
        if (drawn) {
            System.err.println();
            drawn = false;
        }
    }
}
