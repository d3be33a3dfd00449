package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void sizesAreBytesOrBinaryUnits() {
        assertEquals(100L, Units.parseSize("100"));
        assertEquals(100L, Units.parseSize("100B"));
        assertEquals(4L << 30, Units.parseSize("4GiB"));
        assertEquals(3L << 29, Units.parseSize("1.5GiB"));
        assertEquals(1L << 40, Units.parseSize("1TiB"));
        assertEquals(1536L, Units.parseSize("1.5 KiB"));
    }

    @Test
    void ambiguousNegativeFractionalAndOverflowingSizesAreRefused() {
        for (final String bad : new String[] {"4GB", "4KB", "4kb", "4M", "-1", "1.3B", "0.1KiB", "9999999TiB", "GiB",
            "4 gib", "_1"}) {
            assertNull(Units.parseSize(bad), bad);
        }
        assertTrue(Units.isDecimalSizeUnit("4GB"));
        assertTrue(Units.isDecimalSizeUnit("4k"));
        assertFalse(Units.isDecimalSizeUnit("4B"));
        assertFalse(Units.isDecimalSizeUnit("4GiB"));
    }

    @Test
    void countsTakeDecimalSuffixesAndSeparators() {
        assertEquals(10_000_000L, Units.parseCount("10M"));
        assertEquals(100_000L, Units.parseCount("100K"));
        assertEquals(2_500_000L, Units.parseCount("2.5M"));
        assertEquals(3_000_000_000L, Units.parseCount("3G"));
        assertEquals(1_000_000L, Units.parseCount("1_000_000"));
        assertNull(Units.parseCount("10Mi"));
        assertNull(Units.parseCount("1.5"));
        assertNull(Units.parseCount("-3"));
    }

    @Test
    void durationsTakeUsMsSAndMinInWholeMicroseconds() {
        assertEquals(Duration.ofSeconds(30), Units.parseDuration("30s"));
        assertEquals(Duration.ofMillis(10), Units.parseDuration("10ms"));
        assertEquals(Duration.ofMinutes(2), Units.parseDuration("2min"));
        assertEquals(Duration.ofNanos(250_000), Units.parseDuration("250us"));
        assertEquals(Duration.ofMillis(1500), Units.parseDuration("1.5s"));
        assertNull(Units.parseDuration("30"));
        assertNull(Units.parseDuration("1.5us"));
        assertNull(Units.parseDuration("1h"));
    }

    @Test
    void printingPicksTheLargestExactUnit() {
        assertEquals("4GiB", Units.formatSize(4L << 30));
        assertEquals("1536MiB", Units.formatSize(3L << 29));
        assertEquals("100", Units.formatSize(100));
        assertEquals("10M", Units.formatCount(10_000_000));
        assertEquals("2500K", Units.formatCount(2_500_000));
        assertEquals("0", Units.formatCount(0));
        assertEquals("2min", Units.formatDuration(Duration.ofMinutes(2)));
        assertEquals("90s", Units.formatDuration(Duration.ofSeconds(90)));
        assertEquals("250us", Units.formatDuration(Duration.ofNanos(250_000)));
        assertEquals("103.0MiB", Units.human(108_000_000));
    }

    @Test
    void randomValuesPrintAndParseBack() {
        final long seed = System.nanoTime();
        final SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++) {
            final long size = r.nextLong(1L << 50) >>> r.nextInt(50);
            assertEquals(size, Units.parseSize(Units.formatSize(size)), "seed " + seed + ", size " + size);
            final long count = r.nextLong(Long.MAX_VALUE) >>> r.nextInt(63);
            assertEquals(count, Units.parseCount(Units.formatCount(count)), "seed " + seed + ", count " + count);
            final Duration d = Duration.ofNanos(1_000L * (1 + r.nextLong(1L << 40)));
            assertEquals(d, Units.parseDuration(Units.formatDuration(d)), "seed " + seed + ", duration " + d);
        }
    }
}
