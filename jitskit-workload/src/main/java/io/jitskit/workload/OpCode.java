package io.jitskit.workload;

import io.jitskit.spec.Operation;

/**
 * Operation codes as stored in {@link OpBatch#ops}: one byte each, equal to the ordinal of the matching
 * {@link Operation}, so that a driver can switch on a byte without touching an enum on the hot path.
 */
public final class OpCode {

    public static final byte READ = 0;
    public static final byte UPSERT = 1;
    public static final byte RMW = 2;
    public static final byte DELETE = 3;
    public static final byte INSERT = 4;

    /** Number of distinct codes; arrays indexed by code have this length. */
    public static final int COUNT = 5;

    private static final Operation[] OPERATIONS = Operation.values();

    private OpCode() {
    }

    /** The code of {@code op}. */
    public static byte of(final Operation op) {
        return (byte) op.ordinal();
    }

    /** The operation a code stands for. */
    public static Operation operation(final byte code) {
        return OPERATIONS[code];
    }

    /** Whether the operation writes a value whose bytes the harness must be able to regenerate. */
    public static boolean writesValue(final byte code) {
        return code == UPSERT || code == INSERT || code == RMW;
    }
}
