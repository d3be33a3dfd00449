package io.jitskit.gate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one check found.
 *
 * @param check         the check's name, e.g. {@code torn-reads}
 * @param verdict       pass, fail or undecided
 * @param applicable    false when the check does not apply to the spec (an undecided verdict that blocks nothing,
 *                      e.g. crash recovery under durability {@code none})
 * @param summary       one line: what was seen, or why the check failed or could not decide
 * @param figures       what the check exercised (reads verified, crash points, elapsed ...), in insertion order
 * @param reproducer    the file holding the reproducer (seed, keys, operations) of a failure, or {@code null}
 * @param elapsedMillis wall time of the check
 */
public record CheckResult(String check, Verdict verdict, boolean applicable, String summary,
                          Map<String, Object> figures, String reproducer, long elapsedMillis) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        figures = figures == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** A passing result. */
    public static CheckResult pass(final String check, final String summary, final Map<String, Object> figures,
                                   final long elapsedMillis) {
        return new CheckResult(check, Verdict.PASS, true, summary, figures, null, elapsedMillis);
    }

    /** A failing result whose reproducer was saved in {@code reproducer}. */
    public static CheckResult fail(final String check, final String summary, final Map<String, Object> figures,
                                   final String reproducer, final long elapsedMillis) {
        return new CheckResult(check, Verdict.FAIL, true, summary, figures, reproducer, elapsedMillis);
    }

    /** A check that applies but could not decide (it could not run, or measure). */
    public static CheckResult undecided(final String check, final String summary, final Map<String, Object> figures,
                                        final long elapsedMillis) {
        return new CheckResult(check, Verdict.UNDECIDED, true, summary, figures, null, elapsedMillis);
    }

    /** A check that does not apply to the spec; it blocks nothing. */
    public static CheckResult notApplicable(final String check, final String why) {
        return new CheckResult(check, Verdict.UNDECIDED, false, why, Map.of(), null, 0);
    }

    /** Whether this result stands in the way of the store passing the gate. */
    public boolean blocks() {
        return verdict == Verdict.FAIL || (verdict == Verdict.UNDECIDED && applicable);
    }

    /** The one line a report prints for this check. */
    public String line() {
        final String state = verdict == Verdict.UNDECIDED && !applicable ? "n/a" : verdict.name().toLowerCase(
            java.util.Locale.ROOT);
        return check + ": " + state + " - " + summary + (reproducer == null ? "" : " (reproducer: " + reproducer + ")");
    }
}
