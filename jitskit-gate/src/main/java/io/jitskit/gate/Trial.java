package io.jitskit.gate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check's bookkeeping: its clock, the figures it gathers, and how it ends. A check creates one, adds figures as
 * it goes, and returns one of {@link #pass}, {@link #fail} or {@link #undecided}; a failure's reproducer is saved in
 * the run directory and named in the result's line.
 */
public final class Trial {

    private final String check;
    private final StoreUnderTest store;
    private final long startNanos = System.nanoTime();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public Trial(final String check, final StoreUnderTest store) {
        this.check = check;
        this.store = store;
    }

    public String check() {
        return check;
    }

    /** Records a figure; a later value under the same name replaces the earlier one. */
    public Trial figure(final String name, final Object value) {
        figures.put(name, value);
        return this;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public CheckResult pass(final String summary) {
        return CheckResult.pass(check, summary, withElapsed(), elapsedMillis());
    }

    /**
     * A failure: saves {@code reproducer} (what to rerun: seed, keys, operations, what was expected and found) and
     * names the file in the result.
     */
    public CheckResult fail(final String summary, final String reproducer) throws IOException {
        final String file = store.saveReproducer(check, summary + "\n" + reproducer);
        return CheckResult.fail(check, summary, withElapsed(), file, elapsedMillis());
    }

    /** A failure because the store threw during an operation it should have completed. */
    public CheckResult storeThrew(final String during, final Throwable thrown) throws IOException {
        final StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return fail("the store threw " + thrown + " during " + during, "stack trace:\n" + trace);
    }

    public CheckResult undecided(final String summary) {
        return CheckResult.undecided(check, summary, withElapsed(), elapsedMillis());
    }

    private Map<String, Object> withElapsed() {
        figures.put("elapsed_ms", elapsedMillis());
        return figures;
    }
}
