package io.jitskit.gate;

/**
 * The outcome of one check, in Jepsen's three values: a check that could not decide says so rather than passing.
 */
public enum Verdict {
    /** The property held for everything the check exercised. */
    PASS,
    /** The property was violated; the result carries a reproducer. */
    FAIL,
    /** The check could not decide: not applicable to the spec, or it could not run. */
    UNDECIDED
}
