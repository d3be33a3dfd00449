package io.jitskit.spec;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads spec files into validated {@link Spec}s.
 *
 * <p>The grammar is documented in {@link SpecGrammar}. Parsing stops at the first problem and reports it as a
 * {@link SpecException} whose one-line message names the file, the line, the dotted field and the fix. A parsed spec
 * has passed {@link SpecValidator} as well, so a caller holding a {@code Spec} from here may rely on every
 * cross-card rule.
 *
 * <p>YAML is composed into nodes by SnakeYAML and interpreted here, never bound reflectively to classes: that is what
 * gives every error its line, and what keeps a card from instantiating anything but the model's records.
 */
public final class SpecParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private static final List<String> SPEC_FIELDS =
        List.of("name", "description", "environment", "workload", "requirements");
    private static final List<String> ENVIRONMENT_FIELDS =
        List.of("memory-budget", "headroom", "threads", "storage", "cpu-pinning");
    private static final List<String> STORAGE_FIELDS = List.of("dir", "medium");
    private static final List<String> WORKLOAD_FIELDS =
        List.of("trace", "keys", "values", "mix", "distribution", "temporal", "load", "run");
    private static final List<String> KEYS_FIELDS = List.of("count", "format");
    private static final List<String> KEY_FORMATS = List.of("id8", "variable");
    private static final List<String> SIZE_FORMS = List.of("fixed", "uniform", "bimodal", "from-trace");
    private static final List<String> FROM_TRACE_FIELDS = List.of("bounds", "observed");
    private static final List<String> BIMODAL_FIELDS = List.of("small", "large", "small-weight");
    private static final List<String> DISTRIBUTIONS =
        List.of("uniform", "zipfian", "scrambled-zipfian", "latest", "hotspot", "time-order");
    private static final List<String> HOTSPOT_FIELDS = List.of("hot-set", "hot-ops");
    private static final List<String> TEMPORAL_FORMS = List.of("steady", "bursts");
    private static final List<String> BURSTS_FIELDS = List.of("burst", "every");
    private static final List<String> RUN_FIELDS = List.of("duration", "operations");
    private static final List<String> TRACE_FIELDS =
        List.of("file", "format", "loop", "skip-malformed", "upsert-on-miss");
    private static final List<String> YCSB_REFERENCE_FIELDS = List.of("ycsb", "run");
    private static final List<String> REQUIREMENTS_FIELDS =
        List.of("operations", "rmw", "consistency", "durability", "objective", "forbidden");
    private static final List<String> RMW_FORMS = List.of("add-u64");
    private static final List<String> RMW_FIELDS = List.of("initial");
    private static final List<String> DURABILITY_FORMS = List.of("none", "checkpoint", "commit");
    private static final List<String> CHECKPOINT_FIELDS = List.of("every", "max-writer-pause");
    private static final List<String> OBJECTIVE_FORMS = List.of("throughput");
    private static final List<String> OBJECTIVE_FIELDS = List.of("p99-under");

    /** Largest CPU id a pinning list may name; far above any machine, it only catches typos. */
    private static final int MAX_CPU_ID = 65_535;

    /** Tolerance on the sum of a mix, relative: printed weights may carry rounding in their last digits. */
    private static final double MIX_SUM_TOLERANCE = 1e-6;

    private SpecParser() {
    }

    /** Reads, parses and validates the spec file {@code file}. */
    public static Spec parse(final Path file) throws SpecException {
        return parse(read(file, null, "spec file"), file);
    }

    /**
     * Parses and validates {@code yaml}. {@code nameForErrors} names the text in errors and becomes
     * {@link Spec#source()}; relative card, YCSB and trace paths are resolved against its directory (against the
     * working directory when it is {@code null}).
     */
    public static Spec parse(final String yaml, final Path nameForErrors) throws SpecException {
        final SourceMap sources = new SourceMap(nameForErrors);
        final Spec spec = spec(YamlField.compose(yaml, nameForErrors, "", sources), nameForErrors);
        SpecValidator.validate(spec, sources);
        return spec;
    }

    /** Whether {@code name} is a valid spec id: {@code [a-z0-9][a-z0-9._-]*}. */
    static boolean isValidName(final String name) {
        return NAME.matcher(name).matches();
    }

    /* ---- spec ---- */

    private static Spec spec(final YamlField root, final Path source) throws SpecException {
        final YamlField.Mapping m = root.mapping("a spec with name, environment, workload and requirements",
            SPEC_FIELDS);
        final YamlField nameField = m.require("name", "give the spec an id such as ycsb-a-mem");
        final String name = nameField.text("a name");
        if (!isValidName(name)) {
            throw nameField.error("'" + name + "' is not a spec id",
                "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        if (m.has("description")) {
            m.get("description").text("free text");
        }
        final Environment environment = environment(card(m.require("environment",
            "add an environment card with at least memory-budget"), "environment"));
        final Workload workload = workload(m.require("workload", "add a workload card"));
        final Requirements requirements = requirements(card(m.require("requirements",
            "add a requirements card with at least operations"), "requirements"));
        return new Spec(name, source, environment, workload, requirements);
    }

    /** The card itself, or the card in the file that {@code {file: PATH}} names. */
    private static YamlField card(final YamlField field, final String name) throws SpecException {
        if (!field.mentions("file")) {
            return field;
        }
        final YamlField fileField = field.mapping("a card reference {file: PATH}", List.of("file")).get("file");
        final Path cardFile = resolve(fileField);
        final YamlField card = YamlField.compose(read(cardFile, fileField, "card file"), cardFile, name,
            field.sources());
        if (card.mentions("file")) {
            throw card.error("a referenced card may not refer to another file", "put the card's fields here");
        }
        return card;
    }

    /* ---- environment ---- */

    private static Environment environment(final YamlField card) throws SpecException {
        final YamlField.Mapping m = card.mapping("an environment card", ENVIRONMENT_FIELDS);
        final YamlField budgetField = m.require("memory-budget", "give a budget such as 4GiB");
        final long budget = budgetField.size();
        if (budget <= 0) {
            throw budgetField.error("must be positive", "give a budget such as 4GiB");
        }
        final double headroom = m.has("headroom")
            ? m.get("headroom").numberIn(0, true, 1, false) : Environment.DEFAULT_HEADROOM;
        final int threads = m.has("threads") ? threads(m.get("threads")) : SpecGrammar.DEFAULT_THREADS;
        Path dir = null;
        Environment.Medium medium = SpecGrammar.DEFAULT_MEDIUM;
        if (m.has("storage")) {
            final YamlField.Mapping storage = m.get("storage").mapping("a storage mapping {dir, medium}",
                STORAGE_FIELDS);
            if (storage.has("dir")) {
                dir = path(storage.get("dir"));
            }
            if (storage.has("medium")) {
                medium = word(storage.get("medium"), "medium", Environment.Medium.class);
            }
        }
        final List<Integer> pinning = new ArrayList<>();
        if (m.has("cpu-pinning")) {
            for (final YamlField cpu : m.get("cpu-pinning").list("a list of CPU ids such as [0, 1]")) {
                pinning.add((int) cpu.integer(MAX_CPU_ID));
            }
        }
        return new Environment(budget, headroom, threads, dir, medium, pinning);
    }

    private static int threads(final YamlField field) throws SpecException {
        final long threads = field.integer(Integer.MAX_VALUE);
        if (threads == 0) {
            throw field.error("must be at least 1", "give the number of worker threads, such as 2");
        }
        return (int) threads;
    }

    /* ---- workload ---- */

    private static Workload workload(final YamlField field) throws SpecException {
        final YamlField card = card(field, "workload");
        if (card.mentions("ycsb")) {
            return ycsbWorkload(card);
        }
        final YamlField.Mapping m = card.mapping("a workload card", WORKLOAD_FIELDS);
        final TraceSource trace = m.has("trace") ? trace(m.get("trace")) : null;
        final String fromTraceNote = "the trace decides it";

        long keyCount = 0;
        KeyFormat keyFormat = SpecGrammar.DEFAULT_KEY_FORMAT;
        final YamlField keysField = trace == null ? m.require("keys", "give {count: N} for the keys loaded")
            : m.get("keys");
        if (keysField != null) {
            final YamlField.Mapping keys = keysField.mapping("a keys mapping {count, format}", KEYS_FIELDS);
            if (trace == null || keys.has("count")) {
                final YamlField countField = keys.require("count", "give the number of keys, such as 10M");
                keyCount = countField.count();
                if (keyCount == 0 && trace == null) {
                    throw countField.error("must be positive", "give the number of keys, such as 10M");
                }
            }
            if (keys.has("format")) {
                keyFormat = keyFormat(keys.get("format"));
            }
        }

        final YamlField valuesField = m.require("values", trace == null
            ? "give the value sizes, such as {fixed: 100}"
            : "give {from-trace: [MIN, MAX]}: the sizes the trace may produce");
        final SizeDistribution values = sizes(valuesField);
        if (trace != null && !(values instanceof SizeDistribution.FromTrace)) {
            throw valuesField.error("a trace workload takes its value sizes from the trace",
                "write {from-trace: [MIN, MAX]} with the bounds the trace may produce");
        }
        if (trace == null && values instanceof SizeDistribution.FromTrace t && t.observed().isEmpty()) {
            throw valuesField.error("from-trace sizes need a trace",
                "add workload.trace, or use fixed, uniform or bimodal");
        }

        final OperationMix mix = mix(m.require("mix", "give the operation mix, such as {read: 50, upsert: 50}"));

        final KeyDistribution distribution;
        final TemporalPattern temporal;
        final boolean load;
        if (trace != null) {
            refuse(m, "distribution", fromTraceNote);
            refuse(m, "temporal", fromTraceNote);
            load = m.has("load") && m.get("load").bool();
            if (load) {
                throw m.get("load").error("a trace workload has no load phase: its keys are known only to the trace",
                    "write load: false or remove it");
            }
            distribution = SpecGrammar.TRACE_PLACEHOLDER_DISTRIBUTION;
            temporal = SpecGrammar.DEFAULT_TEMPORAL;
        } else {
            distribution = distribution(m.require("distribution",
                "give the key distribution, such as {zipfian: 0.99} or uniform"));
            temporal = m.has("temporal") ? temporal(m.get("temporal")) : SpecGrammar.DEFAULT_TEMPORAL;
            load = m.has("load") ? m.get("load").bool() : SpecGrammar.DEFAULT_LOAD;
        }
        final Phase run = m.has("run") ? run(m.get("run")) : SpecGrammar.DEFAULT_RUN;
        try {
            return new Workload(keyCount, keyFormat, values, mix, distribution, temporal, load, run, trace);
        } catch (final IllegalArgumentException e) {
            throw card.error(e.getMessage(), "fix the workload card");
        }
    }

    private static Workload ycsbWorkload(final YamlField card) throws SpecException {
        final YamlField.Mapping m = card.mapping("a YCSB import {ycsb: PATH, run: ...}", YCSB_REFERENCE_FIELDS);
        final Workload imported = YcsbWorkloadImport.importWorkload(resolve(m.get("ycsb")));
        return m.has("run") ? imported.scaled(imported.keyCount(), run(m.get("run"))) : imported;
    }

    private static void refuse(final YamlField.Mapping m, final String key, final String why) throws SpecException {
        if (m.has(key)) {
            throw m.get(key).error("not allowed with a trace: " + why, "remove " + key);
        }
    }

    private static TraceSource trace(final YamlField field) throws SpecException {
        final YamlField.Mapping m = field.mapping("a trace mapping {file, format, loop, ...}", TRACE_FIELDS);
        final Path file = resolve(m.require("file", "give the trace file, relative to this file's directory"));
        final YamlField formatField = m.require("format", "give the trace format: " + formatWords());
        final String formatWord = formatField.text("a trace format");
        final TraceSource.Format format = TraceSource.Format.ofCardName(formatWord);
        if (format == null) {
            throw formatField.error("unknown trace format '" + formatWord + "'", "use one of: " + formatWords());
        }
        return new TraceSource(file, format,
            m.has("loop") && m.get("loop").bool(),
            m.has("skip-malformed") && m.get("skip-malformed").bool(),
            m.has("upsert-on-miss") && m.get("upsert-on-miss").bool());
    }

    private static String formatWords() {
        final List<String> words = new ArrayList<>();
        for (final TraceSource.Format f : TraceSource.Format.values()) {
            words.add(f.cardName());
        }
        return String.join(", ", words);
    }

    private static KeyFormat keyFormat(final YamlField field) throws SpecException {
        final YamlField.Variant v = field.variant("key format", KEY_FORMATS);
        if (v.word().equals("id8")) {
            v.requireBare();
            return new KeyFormat.Id8();
        }
        final YamlField sizesField = v.requireArgument("{uniform: [16, 64]}");
        final SizeDistribution sizes = sizes(sizesField);
        if (sizes.min() < Long.BYTES) {
            throw sizesField.error("variable keys embed the 8-byte key id, but the smallest key is " + sizes.min()
                + " bytes", "make every key at least 8 bytes");
        }
        return new KeyFormat.Variable(sizes);
    }

    private static SizeDistribution sizes(final YamlField field) throws SpecException {
        final YamlField.Variant v = field.variant("size distribution", SIZE_FORMS);
        return switch (v.word()) {
            case "fixed" -> new SizeDistribution.Fixed(v.requireArgument("100").sizeInt());
            case "uniform" -> {
                final int[] range = sizeRange(v.requireArgument("[MIN, MAX]"));
                yield new SizeDistribution.Uniform(range[0], range[1]);
            }
            case "from-trace" -> fromTrace(v.requireArgument("[MIN, MAX]"));
            default -> bimodal(v.requireArgument("{small: 20, large: 200, small-weight: 0.9}"));
        };
    }

    /**
     * {@code [MIN, MAX]}, or {@code {bounds: [MIN, MAX], observed: [S1, S2, ...]}} with the sorted sample of sizes
     * the trace was seen to hold: how jitskit writes a card it completed from the trace (the gate's own card).
     */
    private static SizeDistribution fromTrace(final YamlField field) throws SpecException {
        if (!field.isMapping()) {
            final int[] range = sizeRange(field);
            return new SizeDistribution.FromTrace(range[0], range[1]);
        }
        final YamlField.Mapping m = field.mapping("{bounds: [MIN, MAX], observed: [SIZES]}", FROM_TRACE_FIELDS);
        final int[] range = sizeRange(m.require("bounds", "give bounds: [MIN, MAX]"));
        final List<Integer> observed = new ArrayList<>();
        if (m.has("observed")) {
            for (final YamlField item : m.get("observed").list("a list of sizes")) {
                final int size = item.sizeInt();
                if (size < range[0] || size > range[1] || !observed.isEmpty() && size < observed.getLast()) {
                    throw item.error("observed size " + size + " is out of order or outside the bounds",
                        "list sizes within [" + range[0] + ", " + range[1] + "] in ascending order");
                }
                observed.add(size);
            }
        }
        return new SizeDistribution.FromTrace(range[0], range[1], observed);
    }

    private static int[] sizeRange(final YamlField field) throws SpecException {
        final List<YamlField> items = field.list("a range [MIN, MAX]");
        if (items.size() != 2) {
            throw field.error("a range has two sizes, found " + items.size(), "write [MIN, MAX]");
        }
        final int min = items.get(0).sizeInt();
        final int max = items.get(1).sizeInt();
        if (max < min) {
            throw items.get(1).error("max " + max + " is below min " + min, "write [MIN, MAX] with MIN <= MAX");
        }
        return new int[] {min, max};
    }

    private static SizeDistribution bimodal(final YamlField field) throws SpecException {
        final YamlField.Mapping m = field.mapping("{small, large, small-weight}", BIMODAL_FIELDS);
        final int small = m.require("small", "give the small size, such as 20").sizeInt();
        final YamlField largeField = m.require("large", "give the large size, such as 200");
        final int large = largeField.sizeInt();
        if (large <= small) {
            throw largeField.error("large " + large + " must exceed small " + small, "make large the bigger size");
        }
        final double weight = m.require("small-weight", "give the probability of the small size, such as 0.9")
            .numberIn(0, false, 1, false);
        return new SizeDistribution.Bimodal(small, large, weight);
    }

    private static OperationMix mix(final YamlField field) throws SpecException {
        final YamlField.Mapping m = field.mapping("a mix such as {read: 50, upsert: 50}",
            SpecGrammar.words(Operation.class));
        final Map<Operation, Double> weights = new EnumMap<>(Operation.class);
        double sum = 0;
        for (final Map.Entry<String, YamlField> e : m.fields().entrySet()) {
            final double w = e.getValue().numberIn(0, true, 100, true);
            weights.put(SpecGrammar.ofWord(Operation.class, e.getKey()), w);
            sum += w;
        }
        final boolean percent = Math.abs(sum - 100) <= 100 * MIX_SUM_TOLERANCE;
        final boolean fractions = Math.abs(sum - 1) <= MIX_SUM_TOLERANCE;
        if (!percent && !fractions) {
            throw field.error("proportions sum to " + BigDecimal.valueOf(sum).stripTrailingZeros().toPlainString(),
                "write percentages that sum to 100 or fractions that sum to 1");
        }
        return SpecGrammar.normalizedMix(weights);
    }

    private static KeyDistribution distribution(final YamlField field) throws SpecException {
        final YamlField.Variant v = field.variant("distribution", DISTRIBUTIONS);
        return switch (v.word()) {
            case "uniform" -> {
                v.requireBare();
                yield new KeyDistribution.Uniform();
            }
            case "time-order" -> {
                v.requireBare();
                yield new KeyDistribution.TimeOrder();
            }
            case "zipfian" -> new KeyDistribution.Zipfian(theta(v));
            case "scrambled-zipfian" -> new KeyDistribution.ScrambledZipfian(theta(v));
            case "latest" -> new KeyDistribution.Latest(theta(v));
            default -> {
                final YamlField.Mapping m = v.requireArgument("{hot-set: 0.2, hot-ops: 0.8}")
                    .mapping("{hot-set, hot-ops}", HOTSPOT_FIELDS);
                yield new KeyDistribution.Hotspot(
                    m.require("hot-set", "give the fraction of keys that is hot, such as 0.2")
                        .numberIn(0, false, 1, false),
                    m.require("hot-ops", "give the fraction of operations on hot keys, such as 0.8")
                        .numberIn(0, true, 1, true));
            }
        };
    }

    private static double theta(final YamlField.Variant v) throws SpecException {
        if (v.argument() == null) {
            return SpecGrammar.DEFAULT_THETA;
        }
        final double theta = v.argument().numberIn(0, false, 10, false);
        if (theta == 1.0) {
            throw v.argument().error("theta 1 makes the Zipfian normalization undefined",
                "use a theta such as 0.99 or 1.01");
        }
        return theta;
    }

    private static TemporalPattern temporal(final YamlField field) throws SpecException {
        final YamlField.Variant v = field.variant("temporal pattern", TEMPORAL_FORMS);
        if (v.word().equals("steady")) {
            v.requireBare();
            return new TemporalPattern.Steady();
        }
        final YamlField.Mapping m = v.requireArgument("{burst: 64, every: 1280}")
            .mapping("{burst, every}", BURSTS_FIELDS);
        final YamlField burstField = m.require("burst", "give the reads per burst, such as 64");
        final long burst = burstField.integer(Integer.MAX_VALUE);
        if (burst == 0) {
            throw burstField.error("must be at least 1", "give the reads per burst, such as 64");
        }
        final YamlField everyField = m.require("every", "give the operations from one burst to the next, such as 1280");
        final long every = everyField.integer(Integer.MAX_VALUE);
        if (every <= burst) {
            throw everyField.error("every " + every + " must exceed burst " + burst,
                "make every the distance between bursts, larger than the burst");
        }
        return new TemporalPattern.Bursts((int) burst, (int) every);
    }

    private static Phase run(final YamlField field) throws SpecException {
        final YamlField.Mapping m = field.mapping("{duration: 30s} or {operations: 1M}", RUN_FIELDS);
        if (m.has("duration") == m.has("operations")) {
            throw field.error("give exactly one of duration and operations",
                "write {duration: 30s} or {operations: 1M}");
        }
        if (m.has("duration")) {
            return Phase.of(m.get("duration").duration());
        }
        final YamlField opsField = m.get("operations");
        final long ops = opsField.count();
        if (ops == 0) {
            throw opsField.error("must be positive", "give the operations of the run phase, such as 1M");
        }
        return Phase.ofOperations(ops);
    }

    /* ---- requirements ---- */

    private static Requirements requirements(final YamlField card) throws SpecException {
        final YamlField.Mapping m = card.mapping("a requirements card", REQUIREMENTS_FIELDS);
        final YamlField opsField = m.require("operations", "list the operations the store must support, "
            + "such as [read, upsert]");
        final Set<Operation> operations = wordSet(opsField, "operation", Operation.class);
        if (operations.isEmpty()) {
            throw opsField.error("is empty", "list at least read");
        }
        final Requirements.Rmw rmw = m.has("rmw") ? rmw(m.get("rmw")) : SpecGrammar.DEFAULT_RMW;
        Requirements.Consistency consistency = SpecGrammar.DEFAULT_CONSISTENCY;
        if (m.has("consistency")) {
            final YamlField.Variant v = m.get("consistency").variant("consistency model",
                SpecGrammar.words(Requirements.Consistency.class));
            v.requireBare();
            consistency = SpecGrammar.ofWord(Requirements.Consistency.class, v.word());
        }
        final Durability durability = m.has("durability")
            ? durability(m.get("durability")) : SpecGrammar.DEFAULT_DURABILITY;
        final Requirements.Objective objective = m.has("objective")
            ? objective(m.get("objective")) : SpecGrammar.DEFAULT_OBJECTIVE;
        final Set<Requirements.Forbidden> forbidden = m.has("forbidden")
            ? wordSet(m.get("forbidden"), "forbidden item", Requirements.Forbidden.class)
            : SpecGrammar.DEFAULT_FORBIDDEN;
        return new Requirements(operations, rmw, consistency, durability, objective, forbidden);
    }

    private static Requirements.Rmw rmw(final YamlField field) throws SpecException {
        final YamlField.Variant v = field.variant("rmw semantics", RMW_FORMS);
        long initial = 0;
        if (v.argument() != null) {
            final YamlField.Mapping m = v.argument().mapping("{initial: N}", RMW_FIELDS);
            if (m.has("initial")) {
                initial = m.get("initial").integer(Long.MAX_VALUE);
            }
        }
        return new Requirements.Rmw(Requirements.Rmw.Kind.ADD_U64, initial);
    }

    private static Durability durability(final YamlField field) throws SpecException {
        final YamlField.Variant v = field.variant("durability", DURABILITY_FORMS);
        return switch (v.word()) {
            case "none" -> {
                v.requireBare();
                yield Durability.none();
            }
            case "checkpoint" -> v.argument() == null ? Durability.checkpoint() : checkpoint(v.argument());
            default -> Durability.commit(v.argument() == null
                ? Durability.DEFAULT_GROUP_COMMIT_INTERVAL : v.argument().duration());
        };
    }

    /** {@code {checkpoint: {every: 1s, max-writer-pause: 10ms}}}: either field may be left out, not both. */
    private static Durability checkpoint(final YamlField field) throws SpecException {
        final YamlField.Mapping m = field.mapping("{every: 1s, max-writer-pause: 10ms}", CHECKPOINT_FIELDS);
        if (!m.has("every") && !m.has("max-writer-pause")) {
            throw field.error("names neither every nor max-writer-pause",
                "give {every: 1s, max-writer-pause: 10ms}, or write durability: checkpoint");
        }
        final Duration every = m.has("every") ? m.get("every").duration() : null;
        if (!m.has("max-writer-pause")) {
            return Durability.checkpoint(every, null);
        }
        final YamlField pauseField = m.get("max-writer-pause");
        final Duration pause = pauseField.duration();
        if (every != null && pause.compareTo(every) > 0) {
            throw pauseField.error("max-writer-pause " + Units.formatDuration(pause) + " exceeds every "
                + Units.formatDuration(every) + ": writers would be held for longer than checkpoints are apart",
                "make max-writer-pause at most every");
        }
        return Durability.checkpoint(every, pause);
    }

    private static Requirements.Objective objective(final YamlField field) throws SpecException {
        final YamlField.Variant v = field.variant("objective", OBJECTIVE_FORMS);
        if (v.argument() == null) {
            return Requirements.Objective.throughput();
        }
        final YamlField.Mapping m = v.argument().mapping("{p99-under: 2ms}", OBJECTIVE_FIELDS);
        final Duration bound = m.has("p99-under") ? m.get("p99-under").duration() : null;
        return new Requirements.Objective(bound);
    }

    /* ---- shared pieces ---- */

    private static <E extends Enum<E>> E word(final YamlField field, final String what, final Class<E> type)
        throws SpecException {
        final List<String> words = SpecGrammar.words(type);
        final String text = field.text("one of: " + String.join(", ", words));
        final E e = SpecGrammar.ofWord(type, text);
        if (e == null) {
            throw field.error("unknown " + what + " '" + text + "'", "use one of: " + String.join(", ", words));
        }
        return e;
    }

    private static <E extends Enum<E>> Set<E> wordSet(final YamlField field, final String what, final Class<E> type)
        throws SpecException {
        final Set<E> set = EnumSet.noneOf(type);
        for (final YamlField item : field.list("a list such as [" + String.join(", ", SpecGrammar.words(type)) + "]")) {
            if (!set.add(word(item, what, type))) {
                throw item.error(item.text(what) + " is listed twice", "list it once");
            }
        }
        return set;
    }

    private static Path path(final YamlField field) throws SpecException {
        final String text = field.text("a path");
        try {
            return Path.of(text);
        } catch (final InvalidPathException e) {
            throw field.error("'" + text + "' is not a valid path: " + e.getReason(), "write a valid path");
        }
    }

    /** {@code field}'s path, resolved against the directory of the file that names it. */
    private static Path resolve(final YamlField field) throws SpecException {
        final Path written = path(field);
        final Path dir = field.file() == null || field.file().toAbsolutePath().getParent() == null
            ? Path.of("").toAbsolutePath() : field.file().toAbsolutePath().getParent();
        return dir.resolve(written).normalize();
    }

    /** The text of {@code file}; an unreadable file is an error at {@code from} (the field naming it), if any. */
    static String read(final Path file, final YamlField from, final String what) throws SpecException {
        try {
            return Files.readString(file);
        } catch (final IOException | SecurityException e) {
            final String why = e instanceof NoSuchFileException ? "no such file"
                : e.getClass().getSimpleName() + ": " + e.getMessage();
            final String problem = "cannot read " + what + " " + file + " (" + why + ")";
            if (from == null) {
                throw new SpecException(file, 0, null, problem, "check the path and its permissions");
            }
            throw from.error(problem, from.file() == null ? "check the path; it is relative to the working directory"
                : "check the path; it is relative to the directory of " + from.file());
        }
    }
}
