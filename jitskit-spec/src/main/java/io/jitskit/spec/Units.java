package io.jitskit.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit grammar of spec cards: sizes, counts and durations, parsed and printed.
 *
 * <p>Parsing returns {@code null} for text it cannot read so that the caller, which knows the field and line, words
 * the error. Printing picks the largest unit that represents the value exactly, so that printing and parsing again
 * yields the same number.
 *
 * <ul>
 *   <li>Sizes: plain bytes ({@code 100}, {@code 100B}) or binary units {@code KiB MiB GiB TiB}; a fraction is fine
 *       when the result is a whole byte count ({@code 1.5GiB}). Decimal {@code KB/MB/GB} are rejected as
 *       ambiguous: half the world reads them as powers of 1024.</li>
 *   <li>Counts: plain integers, with {@code _} as a digit separator, or decimal suffixes {@code K M G}
 *       ({@code 10M} is 10,000,000).</li>
 *   <li>Durations: a number and one of {@code us ms s min}; the result must be a whole number of microseconds.</li>
 * </ul>
 */
final class Units {

    private static final Pattern NUMBER_WITH_SUFFIX =
        Pattern.compile("([0-9][0-9_]*(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");

    private static final String[] SIZE_UNITS = {"TiB", "GiB", "MiB", "KiB"};
    private static final long[] SIZE_FACTORS = {1L << 40, 1L << 30, 1L << 20, 1L << 10};

    private static final String[] COUNT_SUFFIXES = {"G", "M", "K"};
    private static final long[] COUNT_FACTORS = {1_000_000_000L, 1_000_000L, 1_000L};

    private static final String[] DURATION_UNITS = {"min", "s", "ms", "us"};
    private static final long[] DURATION_NANOS = {60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};

    /** Words for the error messages: what a size, count or duration may look like. */
    static final String SIZE_FORMS = "plain bytes (100, 100B) or KiB/MiB/GiB/TiB (4GiB, 1.5MiB)";
    static final String COUNT_FORMS = "an integer, optionally with K/M/G (10M = 10,000,000)";
    static final String DURATION_FORMS = "a number with us, ms, s or min (30s, 10ms, 2min)";

    private Units() {
    }

    /** Bytes for {@code text}, or {@code null} if it is not a size (including negative and ambiguous units). */
    static Long parseSize(final String text) {
        final Matcher m = NUMBER_WITH_SUFFIX.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        final String unit = m.group(2);
        long factor = 0;
        if (unit.isEmpty() || unit.equals("B")) {
            factor = 1;
        }
        for (int i = 0; i < SIZE_UNITS.length; i++) {
            if (SIZE_UNITS[i].equals(unit)) {
                factor = SIZE_FACTORS[i];
            }
        }
        return factor == 0 ? null : scale(m.group(1), factor);
    }

    /** Whether {@code text} uses a decimal size unit (KB, MB, ...), so the error can say why it is refused. */
    static boolean isDecimalSizeUnit(final String text) {
        final Matcher m = NUMBER_WITH_SUFFIX.matcher(text.strip());
        return m.matches() && m.group(2).matches("(?i)[kmgt]b?") && !m.group(2).equalsIgnoreCase("b");
    }

    /** The count for {@code text}, or {@code null} if it is not a count. */
    static Long parseCount(final String text) {
        final Matcher m = NUMBER_WITH_SUFFIX.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        final String suffix = m.group(2);
        long factor = suffix.isEmpty() ? 1 : 0;
        for (int i = 0; i < COUNT_SUFFIXES.length; i++) {
            if (COUNT_SUFFIXES[i].equals(suffix)) {
                factor = COUNT_FACTORS[i];
            }
        }
        return factor == 0 ? null : scale(m.group(1), factor);
    }

    /** The duration for {@code text}, or {@code null} if it is not a duration in whole microseconds. */
    static Duration parseDuration(final String text) {
        final Matcher m = NUMBER_WITH_SUFFIX.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        for (int i = 0; i < DURATION_UNITS.length; i++) {
            if (DURATION_UNITS[i].equals(m.group(2))) {
                final Long nanos = scale(m.group(1), DURATION_NANOS[i]);
                return nanos == null || nanos % 1_000 != 0 ? null : Duration.ofNanos(nanos);
            }
        }
        return null;
    }

    /** {@code bytes} in the largest binary unit that holds it exactly, else plain bytes. */
    static String formatSize(final long bytes) {
        return format(bytes, SIZE_UNITS, SIZE_FACTORS, "");
    }

    /** {@code bytes} for a message: exact when a unit holds it, else one decimal of the largest unit below it. */
    static String human(final long bytes) {
        for (int i = 0; i < SIZE_UNITS.length; i++) {
            if (bytes >= SIZE_FACTORS[i]) {
                return bytes % SIZE_FACTORS[i] == 0 ? bytes / SIZE_FACTORS[i] + SIZE_UNITS[i]
                    : BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(SIZE_FACTORS[i]), 1, RoundingMode.HALF_UP)
                        .toPlainString() + SIZE_UNITS[i];
            }
        }
        return bytes + "B";
    }

    /** {@code count} with the largest decimal suffix that holds it exactly. */
    static String formatCount(final long count) {
        return format(count, COUNT_SUFFIXES, COUNT_FACTORS, "");
    }

    /** {@code duration} in the largest unit that holds it exactly (at least microseconds, as parsing demands). */
    static String formatDuration(final Duration duration) {
        final long nanos = duration.toNanos();
        for (int i = 0; i < DURATION_UNITS.length; i++) {
            if (nanos % DURATION_NANOS[i] == 0) {
                return nanos / DURATION_NANOS[i] + DURATION_UNITS[i];
            }
        }
        throw new IllegalArgumentException("a card duration is a whole number of microseconds, was " + duration);
    }

    private static String format(final long value, final String[] units, final long[] factors, final String plain) {
        if (value != 0) {
            for (int i = 0; i < units.length; i++) {
                if (value % factors[i] == 0) {
                    return value / factors[i] + units[i];
                }
            }
        }
        return value + plain;
    }

    /** {@code digits × factor} when it is a whole number that fits a long, else {@code null}. */
    private static Long scale(final String digits, final long factor) {
        if (digits.startsWith("_") || digits.endsWith("_") || digits.contains("_.")) {
            return null;
        }
        final BigDecimal scaled = new BigDecimal(digits.replace("_", "")).multiply(BigDecimal.valueOf(factor));
        try {
            final BigInteger whole = scaled.toBigIntegerExact();
            return whole.bitLength() < Long.SIZE ? whole.longValue() : null;
        } catch (final ArithmeticException notWhole) {
            return null;
        }
    }
}
