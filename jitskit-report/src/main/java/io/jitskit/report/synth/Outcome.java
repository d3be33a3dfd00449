package io.jitskit.report.synth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What became of one attempt of the synthesis loop. */
public enum Outcome {
    /** Passed the gate and beat the best so far: it is the new best. */
    ACCEPTED("accepted"),
    /** Compiled and ran, but the correctness gate rejected it; its throughput, if any, counts for nothing. */
    REJECTED_GATE("rejected-gate"),
    /** Did not compile. */
    COMPILE_ERROR("compile-error"),
    /** Passed the gate but was not faster than the best so far. */
    SLOWER("slower"),
    /** The attempt could not be evaluated (a crash of the loop, a timeout, an engine error). */
    ERROR("error");

    private final String wire;

    Outcome(final String wire) {
        this.wire = wire;
    }

    /** The name in {@code trajectory.json} and the CSS class of its marks. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Outcome of(final String wire) {
        for (final Outcome o : values()) {
            if (o.wire.equals(wire)) {
                return o;
            }
        }
        throw new IllegalArgumentException("outcome '" + wire + "' is not one of "
            + Arrays.stream(values()).map(Outcome::wire).collect(Collectors.joining(", ")));
    }
}
