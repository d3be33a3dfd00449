package io.jitskit.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cross-card rules: what each card may say on its own but not together with the others.
 *
 * <p>The records check their own invariants on construction; this class checks the contradictions between fields
 * and cards, and reports the first as a {@link SpecException} placed at the offending field. The rules, in the order
 * they are checked:
 *
 * <ol>
 *   <li>{@code environment.threads} is at most {@value #MAX_THREADS}.</li>
 *   <li>{@code environment.cpu-pinning}, when given, names one CPU per worker thread.</li>
 *   <li>No value exceeds {@link #MAX_VALUE_BYTES} (16 MiB) and no key exceeds {@link #MAX_KEY_BYTES} (4 KiB).</li>
 *   <li>A {@code time-order} distribution has insert and delete in the mix, in equal proportions: it keeps a live
 *       window of {@code keys.count} keys, inserting at the head and retiring the oldest.</li>
 *   <li>{@code bursts} are bursts of reads: the mix has reads, and their proportion is {@code burst / every}.</li>
 *   <li>A trace file exists and is a readable regular file.</li>
 *   <li>{@code requirements.operations} lists read (the correctness gate verifies by reading) and every operation
 *       of the mix.</li>
 *   <li>When rmw is required, every value has room for the {@code add-u64} counter (8 bytes).</li>
 *   <li>Durability {@code checkpoint} or {@code commit} has a storage directory to be durable in.</li>
 *   <li>The memory budget, less the headroom, holds the smallest possible index: {@link #MIN_INDEX_BYTES_PER_KEY}
 *       bytes per key (one 32-bit slot per key at load factor 1; any index must at least tell each key's record
 *       apart). Without a storage directory nothing can spill, so it must also hold every key and value:
 *       {@code keys.count × (mean key + mean value)}. Both are floors for refusing hopeless cards, not estimates of
 *       what a good store needs.</li>
 * </ol>
 */
public final class SpecValidator {

    /** Most worker threads a card may ask for. */
    public static final int MAX_THREADS = 1024;
    /** Largest value a card may allow: beyond this a key-value store is the wrong tool. */
    public static final int MAX_VALUE_BYTES = 16 << 20;
    /** Largest key a card may allow. */
    public static final int MAX_KEY_BYTES = 4 << 10;
    /** Bytes per key of the smallest index the budget check assumes: a 32-bit slot at load factor 1. */
    public static final int MIN_INDEX_BYTES_PER_KEY = 4;

    private static final double SHARE_TOLERANCE = 1e-9;

    private SpecValidator() {
    }

    /**
     * Checks a spec built in code; errors name {@link Spec#source()} without a line. Specs from {@link SpecParser}
     * are already validated, with lines.
     */
    public static void validate(final Spec spec) throws SpecException {
        validate(spec, SourceMap.unknown(spec.source()));
    }

    static void validate(final Spec spec, final SourceMap at) throws SpecException {
        environment(spec.environment(), at);
        workload(spec.workload(), at);
        requirements(spec, at);
        budget(spec, at);
    }

    private static void environment(final Environment env, final SourceMap at) throws SpecException {
        if (env.threads() > MAX_THREADS) {
            throw at.error("environment.threads", env.threads() + " threads exceed the limit of " + MAX_THREADS,
                "use at most " + MAX_THREADS + " worker threads");
        }
        if (!env.cpuPinning().isEmpty() && env.cpuPinning().size() != env.threads()) {
            final int cpus = env.cpuPinning().size();
            throw at.error("environment.cpu-pinning", "names " + cpus + (cpus == 1 ? " CPU for " : " CPUs for ")
                + env.threads() + " worker threads", "list one CPU per worker thread, or [] for no pinning");
        }
    }

    private static void workload(final Workload w, final SourceMap at) throws SpecException {
        if (w.valueSizes().max() > MAX_VALUE_BYTES) {
            throw at.error("workload.values", "largest value " + Units.human(w.valueSizes().max())
                + " exceeds the limit of " + Units.human(MAX_VALUE_BYTES), "keep values at or below 16MiB");
        }
        if (w.keyFormat().maxBytes() > MAX_KEY_BYTES) {
            throw at.error("workload.keys.format", "largest key " + Units.human(w.keyFormat().maxBytes())
                + " exceeds the limit of " + Units.human(MAX_KEY_BYTES), "keep keys at or below 4KiB");
        }
        final OperationMix mix = w.mix();
        if (w.trace() == null && w.distribution() instanceof KeyDistribution.TimeOrder) {
            if (mix.of(Operation.INSERT) == 0 || mix.of(Operation.DELETE) == 0) {
                throw at.error("workload.distribution", "time-order inserts new keys and retires the oldest, "
                    + "but the mix lacks " + (mix.of(Operation.INSERT) == 0 ? "insert" : "delete"),
                    "add insert and delete to workload.mix, or use another distribution");
            }
            if (!close(mix.of(Operation.INSERT), mix.of(Operation.DELETE))) {
                throw at.error("workload.mix", "time-order keeps a live window of keys.count keys, but insert ("
                    + percent(mix.of(Operation.INSERT)) + ") and delete (" + percent(mix.of(Operation.DELETE))
                    + ") do not balance", "give insert and delete the same proportion");
            }
        }
        if (w.trace() == null && w.temporal() instanceof final TemporalPattern.Bursts bursts) {
            final double share = (double) bursts.burstOps() / bursts.everyOps();
            final String shape = "bursts of " + bursts.burstOps() + " reads every " + bursts.everyOps()
                + " operations";
            if (mix.of(Operation.READ) == 0) {
                throw at.error("workload.temporal", shape + " need reads, but the mix has none",
                    "add read: " + percentNumber(share) + " to workload.mix, or use temporal: steady");
            }
            if (!close(mix.of(Operation.READ), share)) {
                throw at.error("workload.temporal", shape + " make reads " + percent(share) + " of operations, "
                    + "but the mix gives read " + percent(mix.of(Operation.READ)),
                    "set read to " + percentNumber(share) + " in workload.mix, or change burst or every");
            }
        }
        if (w.trace() != null) {
            final Path file = w.trace().file();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw at.error("workload.trace.file", "trace file " + file
                    + (Files.exists(file) ? " is not a readable file" : " does not exist"),
                    "check the path; it is relative to the directory of the file that names it");
            }
        }
    }

    private static void requirements(final Spec spec, final SourceMap at) throws SpecException {
        final Requirements req = spec.requirements();
        final Workload w = spec.workload();
        if (!req.supports(Operation.READ)) {
            throw at.error("requirements.operations", "read is not listed, but the correctness gate verifies "
                + "every store by reading", "add read to requirements.operations");
        }
        for (final Operation op : w.mix().operations()) {
            if (!req.supports(op)) {
                final String field = "workload.mix." + op.cardName();
                throw at.error(field, op.cardName() + " is in the mix but not in requirements.operations",
                    "add " + op.cardName() + " to requirements.operations"
                        + at.lineNote("requirements.operations", field) + " or remove it from the mix");
            }
        }
        if (req.supports(Operation.RMW) && w.valueSizes().min() < Long.BYTES) {
            throw at.error("workload.values", "rmw add-u64 keeps an 8-byte counter at the start of each value, "
                + "but the smallest value is " + w.valueSizes().min() + " bytes",
                "make every value at least 8 bytes, or drop rmw from requirements.operations");
        }
        final Durability durability = req.durability();
        if (durability.isDurable() && spec.environment().storageDir() == null) {
            throw at.error("requirements.durability", "durability " + SpecGrammar.word(durability.level())
                + " needs a storage directory to be durable in",
                "add environment.storage.dir, or set durability: none");
        }
    }

    private static void budget(final Spec spec, final SourceMap at) throws SpecException {
        final Environment env = spec.environment();
        final Workload w = spec.workload();
        final long usable = env.usableBytes();
        final String usableText = "usable memory " + Units.human(usable) + " (" + Units.human(env.memoryBudgetBytes())
            + " less " + percent(env.headroom()) + " headroom)";
        final double indexBytes = (double) w.keyCount() * MIN_INDEX_BYTES_PER_KEY;
        if (indexBytes > usable) {
            throw at.error("environment.memory-budget", usableText + " is below the smallest possible index for "
                + Units.formatCount(w.keyCount()) + " keys, " + MIN_INDEX_BYTES_PER_KEY + " bytes per key ("
                + Units.human((long) indexBytes) + ")",
                "raise memory-budget to at least " + budgetFor(indexBytes, env.headroom())
                    + ", or lower keys.count");
        }
        if (env.storageDir() == null) {
            final double perKey = meanKeyBytes(w.keyFormat()) + w.valueSizes().mean();
            final double dataBytes = w.keyCount() * perKey;
            if (dataBytes > usable) {
                throw at.error("environment.memory-budget", "without a storage directory every key and value "
                    + "stays in memory: " + Units.formatCount(w.keyCount()) + " keys of "
                    + BigDecimal.valueOf(perKey).stripTrailingZeros().toPlainString() + " bytes need "
                    + Units.human((long) Math.ceil(dataBytes)) + ", but " + usableText + " is smaller",
                    "raise memory-budget to at least " + budgetFor(dataBytes, env.headroom())
                        + ", or add environment.storage.dir so that values can spill");
            }
        }
    }

    private static double meanKeyBytes(final KeyFormat format) {
        return format instanceof final KeyFormat.Variable v ? v.sizes().mean() : format.maxBytes();
    }

    /** The smallest budget in whole MiB (whole GiB above 1 GiB) whose usable part holds {@code bytes}. */
    private static String budgetFor(final double bytes, final double headroom) {
        final double budget = bytes / (1 - headroom);
        final long unit = budget > (1L << 30) ? 1L << 30 : 1L << 20;
        return Units.formatSize((long) Math.ceil(budget / unit) * unit);
    }

    private static boolean close(final double a, final double b) {
        return Math.abs(a - b) <= SHARE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static String percent(final double fraction) {
        return percentNumber(fraction) + "%";
    }

    private static String percentNumber(final double fraction) {
        return BigDecimal.valueOf(fraction * 100).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros()
            .toPlainString();
    }
}
