package io.jitskit.agents.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30),
        Duration.ofSeconds(120));

    @Test
    void backoffIsFullyJitteredUnderAnExponentialCeiling() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int retry = 1; retry <= 8; retry++) {
            final long ceiling = Math.min(30_000, 1_000L << (retry - 1));
            for (int i = 0; i < 200; i++) {
                final long d = policy.delay(retry, null, random.nextDouble()).toMillis();
                assertTrue(d >= 0 && d <= ceiling, "seed " + seed + ": retry " + retry + " waited " + d + " ms");
            }
        }
    }

    @Test
    void retryAfterIsAFloorButCapped() {
        assertEquals(Duration.ofSeconds(7), policy.delay(1, Duration.ofSeconds(7), 0.5));
        assertEquals(Duration.ofSeconds(120), policy.delay(1, Duration.ofHours(1), 0.5));
        assertEquals(15_999, policy.delay(5, Duration.ofSeconds(1), 0.999_999_9).toMillis(),
            "a short retry-after does not shorten a longer backoff");
    }

    @Test
    void retryAfterHeadersAreReadInSecondsOrMilliseconds() {
        assertEquals(Duration.ofMillis(1500), ApiTransport.parseRetryAfter("1.5", null));
        assertEquals(Duration.ofMillis(20), ApiTransport.parseRetryAfter("9", "20"));
        assertEquals(null, ApiTransport.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", null));
    }

    @Test
    void redactionCatchesConfiguredKeysAndKeyShapedText() {
        final Redactor r = new Redactor(java.util.List.of("my-local-secret-123"));
        assertEquals("key [redacted] and [redacted] and [redacted]", r.apply(
            "key my-local-secret-123 and sk-ant-api03-abcdefghijkl and Bearer abc.def-ghijkl"));
    }
}
