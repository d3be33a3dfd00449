package io.jitskit.agents.model;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed request again: up to {@code attempts} tries in all, waiting an exponentially growing,
 * fully jittered delay between them ({@code random(0, min(maxDelay, baseDelay * 2^n))}, so that clients that failed
 * together do not retry together), but never less than what the server asked for in {@code retry-after}, capped at
 * {@code maxRetryAfter} so a server cannot park the run for an hour.
 *
 * @param attempts      tries in all, at least 1
 * @param baseDelay     the first backoff ceiling
 * @param maxDelay      the largest backoff ceiling
 * @param maxRetryAfter the longest {@code retry-after} honoured
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** Six tries over about a minute: what rate limits and overload on the public APIs usually need. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30),
        Duration.ofSeconds(120));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    /**
     * The wait before try {@code retry + 1} (retry 1 is the first retry).
     *
     * @param retryAfter what the server asked for, or null
     * @param unit       a uniform draw in [0, 1): the jitter
     */
    public Duration delay(final int retry, final Duration retryAfter, final double unit) {
        final long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, retry - 1));
        final long backoff = (long) (unit * ceiling);
        final long asked = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
        return Duration.ofMillis(Math.max(backoff, asked));
    }

    /** {@link #delay(int, Duration, double)} with a fresh jitter draw. */
    public Duration delay(final int retry, final Duration retryAfter) {
        return delay(retry, retryAfter, ThreadLocalRandom.current().nextDouble());
    }
}
