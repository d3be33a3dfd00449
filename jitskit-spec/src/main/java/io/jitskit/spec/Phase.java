package io.jitskit.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * The run phase's length: a duration or an operation count (whichever is set; exactly one is).
 *
 * @param duration   wall-clock length, or {@code null}
 * @param operations total operations over all threads, or 0
 */
public record Phase(Duration duration, long operations) {

    public Phase {
        if ((duration == null) == (operations <= 0)) {
            throw new IllegalArgumentException("a phase has either a duration or an operation count");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("phase duration must be positive");
        }
    }

    public static Phase of(final Duration duration) {
        return new Phase(Objects.requireNonNull(duration), 0);
    }

    public static Phase ofOperations(final long operations) {
        return new Phase(null, operations);
    }

    public boolean isTimed() {
        return duration != null;
    }
}
