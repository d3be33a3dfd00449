package io.jitskit.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The YAML grammar of spec files, and the defaults a card leaves out.
 *
 * <p>{@link SpecParser} reads this grammar, {@link SpecWriter} prints it with every default filled in, and
 * {@link SpecValidator} checks what a grammar cannot say. A field not listed here is an error, never a warning.
 *
 * <h2>A spec file</h2>
 * <pre>{@code
 * name: ycsb-a-mem                       # required: [a-z0-9][a-z0-9._-]*, by convention the file name
 * description: YCSB A, in memory         # optional free text; not kept in the model (use it like a comment)
 * environment:
 *   memory-budget: 4GiB                  # required, a size
 *   headroom: 0.2                        # fraction of the budget kept free, [0, 1); default 0.2
 *   threads: 2                           # worker threads, 1..1024; default 2
 *   storage: {dir: /tmp/jitskit/x, medium: ssd}   # dir optional (no files); medium nvme|ssd|hdd|tmpfs, default ssd
 *   cpu-pinning: [0, 1]                  # one CPU per worker, in worker order; default [] (no pinning)
 * workload:
 *   keys: {count: 10M, format: id8}      # count required; format id8 (default) or {variable: SIZES}
 *   values: {fixed: 100}                 # SIZES, required
 *   mix: {read: 50, upsert: 50}          # read|upsert|rmw|delete|insert, percent (sum 100) or fractions (sum 1)
 *   distribution: {zipfian: 0.99}        # required: uniform | time-order | {zipfian: THETA}
 *                                        #   | {scrambled-zipfian: THETA} | {latest: THETA}
 *                                        #   | {hotspot: {hot-set: 0.2, hot-ops: 0.8}}; a bare zipfian,
 *                                        #   scrambled-zipfian or latest means THETA 0.99
 *   temporal: steady                     # steady (default) | {bursts: {burst: 64, every: 1280}}
 *   load: true                           # load every key once before the run; default true
 *   run: {duration: 30s}                 # or {operations: 1M}; default {duration: 30s}
 * requirements:
 *   operations: [read, upsert, rmw, delete]   # required; must include read and every operation of the mix
 *   rmw: add-u64                         # add-u64 | {add-u64: {initial: N}}; default initial 0
 *   consistency: linearizable            # the only model defined today; default
 *   durability: checkpoint               # none (default) | checkpoint | commit | {commit: 10ms}
 *                                        #   | {checkpoint: {every: 1s, max-writer-pause: 10ms}}: the gate
 *                                        #   checkpoints every 1s and rejects a store whose writers stall longer
 *                                        #   than 10ms during a checkpoint (either field may be left out)
 *   objective: throughput                # throughput (default) | {throughput: {p99-under: 2ms}}
 *   forbidden: [external-kv-library, harness-internals]   # default both; [] forbids nothing
 * }</pre>
 *
 * <p>{@code SIZES}, for values and variable keys: {@code {fixed: S}}, {@code {uniform: [MIN, MAX]}},
 * {@code {bimodal: {small: S, large: L, small-weight: W}}} or {@code {from-trace: [MIN, MAX]}}.
 *
 * <h2>Units</h2>
 * Sizes are plain bytes ({@code 100}, {@code 100B}) or binary units {@code KiB MiB GiB TiB}; decimal {@code KB MB GB}
 * are rejected as ambiguous. Counts are integers with optional decimal suffixes {@code K M G} ({@code 10M} is ten
 * million) and {@code _} separators. Durations take {@code us ms s min}. Numbers (headroom, theta, weights) are plain
 * decimals. Booleans are {@code true} or {@code false} only: YAML 1.1's {@code yes/no/on/off} are refused, because
 * every scalar is read as text by one grammar.
 *
 * <h2>Trace workloads</h2>
 * <pre>{@code
 * workload:
 *   trace: {file: ../../shared/traces/x.csv, format: cachelib-kvcache, loop: true,
 *           skip-malformed: false, upsert-on-miss: false}      # loop, skip-malformed, upsert-on-miss default false
 *   keys: {count: 0, format: {variable: {from-trace: [16, 256]}}}   # count optional (0: only the trace knows)
 *   values: {from-trace: [1, 1MiB]}      # required: the bounds the trace may produce
 *   mix: {read: 98.12, upsert: 1.45, delete: 0.43}   # the operations the trace issues, as measured on it
 *   run: {duration: 30s}
 * }</pre>
 * The trace file is resolved against the directory of the file that names it and must exist. (A storage
 * directory, by contrast, is used as written: it is where a run puts its files, not something the card ships with.) A trace decides key
 * order and arrival, so {@code distribution} and {@code temporal} are refused and {@code load} must stay
 * {@code false} (its default under a trace). The model still needs a distribution and a temporal pattern, so a
 * trace workload carries {@link #TRACE_PLACEHOLDER_DISTRIBUTION} and a steady pattern; consumers must read
 * {@link Workload#traceSource()} first and ignore both.
 *
 * <h2>Cards in their own files</h2>
 * Any card may be a reference, {@code workload: {file: ../cards/ycsb-a.workload.yaml}}: the named file holds the
 * card's fields at its top level, is resolved against the directory of the referring file, and may not refer on.
 * A workload card may instead import a YCSB property file, {@code workload: {ycsb: workloads/workloada}}, optionally
 * with {@code run} to replace the file's {@code operationcount}; see {@link YcsbWorkloadImport}. Errors inside a
 * referenced file name that file and its line.
 */
public final class SpecGrammar {

    /** Worker threads when the card does not say. */
    public static final int DEFAULT_THREADS = 2;
    /** Storage medium when the card does not say. */
    public static final Environment.Medium DEFAULT_MEDIUM = Environment.Medium.SSD;
    /** Key format when the card does not say. */
    public static final KeyFormat DEFAULT_KEY_FORMAT = new KeyFormat.Id8();
    /** Temporal pattern when the card does not say. */
    public static final TemporalPattern DEFAULT_TEMPORAL = new TemporalPattern.Steady();
    /** Whether a generated workload has a load phase when the card does not say (a trace never has one). */
    public static final boolean DEFAULT_LOAD = true;
    /** The run phase when the card does not say: the suite's 30 s. */
    public static final Phase DEFAULT_RUN = Phase.of(Duration.ofSeconds(30));
    /** Theta of a bare {@code zipfian}, {@code scrambled-zipfian} or {@code latest}: YCSB's constant. */
    public static final double DEFAULT_THETA = KeyDistribution.DEFAULT_THETA;
    /** RMW semantics when the card does not say. */
    public static final Requirements.Rmw DEFAULT_RMW = Requirements.Rmw.addU64();
    /** Consistency when the card does not say. */
    public static final Requirements.Consistency DEFAULT_CONSISTENCY = Requirements.Consistency.LINEARIZABLE;
    /** Durability when the card does not say: nothing survives a crash. */
    public static final Durability DEFAULT_DURABILITY = Durability.none();
    /** Objective when the card does not say. */
    public static final Requirements.Objective DEFAULT_OBJECTIVE = Requirements.Objective.throughput();
    /** What a store may not use when the card does not say: everything forbiddable. */
    public static final Set<Requirements.Forbidden> DEFAULT_FORBIDDEN = EnumSet.allOf(Requirements.Forbidden.class);
    /**
     * The distribution recorded for a trace workload, where the trace decides key order. Uniform is only a filler
     * for a field the model makes mandatory; nothing may read it when {@link Workload#trace()} is set.
     */
    public static final KeyDistribution TRACE_PLACEHOLDER_DISTRIBUTION = new KeyDistribution.Uniform();

    /** How far {@link #normalizedMix} nudges the largest proportion before trying the last one instead. */
    private static final int MAX_NUDGE_ULPS = 64;

    private SpecGrammar() {
    }

    /**
     * The mix a card's weights describe, normalized so that it reads back bit-for-bit after printing.
     *
     * <p>{@link OperationMix} divides by the sum of what it is given. Normalized once, proportions rarely sum to
     * exactly 1.0 in floating point, so normalizing them again (as parsing a printed card does) moves them by an
     * ulp. This nudges one proportion by a few ulps until the sum, taken in {@code OperationMix}'s own order, is
     * exactly 1.0: then normalization is the identity on the result and the printed fractions parse back to the same
     * doubles. The nudge is first tried on the largest proportion (the smallest relative change), then by setting the
     * last to one minus the others; should neither work, the once-normalized mix is returned as it is.
     */
    public static OperationMix normalizedMix(final Map<Operation, Double> weights) {
        // Sum in enum order whatever the caller's map iterates in, so equal weights give equal doubles.
        final OperationMix once = new OperationMix(weights.isEmpty() ? weights : new EnumMap<>(weights));
        final EnumMap<Operation, Double> p = new EnumMap<>(once.proportions());
        if (sumInMixOrder(p) == 1.0) {
            return once;
        }
        Operation largest = null;
        Operation last = null;
        for (final Map.Entry<Operation, Double> e : p.entrySet()) {
            if (largest == null || e.getValue() > p.get(largest)) {
                largest = e.getKey();
            }
            last = e.getKey();
        }
        double up = p.get(largest);
        double down = up;
        for (int ulps = 1; ulps <= MAX_NUDGE_ULPS; ulps++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            final OperationMix byUp = withProportion(p, largest, up);
            if (byUp != null) {
                return byUp;
            }
            final OperationMix byDown = withProportion(p, largest, down);
            if (byDown != null) {
                return byDown;
            }
        }
        double others = 0;
        for (final Map.Entry<Operation, Double> e : p.entrySet()) {
            others += e.getKey() == last ? 0 : e.getValue();
        }
        final OperationMix filled = 1.0 - others > 0 ? withProportion(p, last, 1.0 - others) : null;
        return filled != null ? filled : once;
    }

    /** {@code p} with {@code op} set to {@code value}, if that sums to exactly 1.0 and normalizes to itself. */
    private static OperationMix withProportion(final EnumMap<Operation, Double> p, final Operation op,
                                               final double value) {
        final EnumMap<Operation, Double> candidate = new EnumMap<>(p);
        candidate.put(op, value);
        if (sumInMixOrder(candidate) != 1.0) {
            return null;
        }
        final OperationMix mix = new OperationMix(candidate);
        return mix.proportions().equals(candidate) ? mix : null;
    }

    /** The sum as {@link OperationMix} takes it: enum order, left to right. */
    private static double sumInMixOrder(final EnumMap<Operation, Double> p) {
        double sum = 0;
        for (final double v : p.values()) {
            sum += v;
        }
        return sum;
    }

    /** The card word for an enum constant: lower case, {@code _} as {@code -} ({@code EXTERNAL_KV_LIBRARY}). */
    public static String word(final Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The card words of every constant of {@code type}, in declaration order. */
    static <E extends Enum<E>> List<String> words(final Class<E> type) {
        final List<String> words = new ArrayList<>();
        for (final E e : type.getEnumConstants()) {
            words.add(word(e));
        }
        return words;
    }

    /** The constant of {@code type} whose card word is {@code word}, or {@code null}. */
    static <E extends Enum<E>> E ofWord(final Class<E> type, final String word) {
        for (final E e : type.getEnumConstants()) {
            if (word(e).equals(word)) {
                return e;
            }
        }
        return null;
    }
}
