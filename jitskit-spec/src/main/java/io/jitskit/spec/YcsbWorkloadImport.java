package io.jitskit.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports a YCSB workload property file ({@code workloada} to {@code workloadf} style) as a workload card: what YCSB's
 * core workload would run, as far as a key-value store sees it.
 *
 * <p>What is read, with YCSB's own defaults where the file is silent:
 * <ul>
 *   <li>{@code recordcount} (required) is {@code keys.count}; keys are {@code id8} (YCSB's {@code user<hash>}
 *       strings only encode the same id) unless {@code keylengthdistribution} asks for key lengths: {@code constant}
 *       ({@code keylength} bytes), {@code uniform} (up to {@code keylength}, from 8 since a key here embeds its
 *       8-byte id) and {@code extremevalue} (Facebook ETC's key sizes, as a uniform range with their mean) become
 *       variable-length keys.</li>
 *   <li>{@code operationcount} is {@code run: {operations: N}}; {@code maxexecutiontime} (seconds) is
 *       {@code run: {duration: Ns}}; neither is the card default, both together is an error, since a run phase
 *       here has one length.</li>
 *   <li>{@code readproportion} (0.95), {@code updateproportion} (0.05), {@code insertproportion} (0),
 *       {@code readmodifywriteproportion} (0) become read, upsert, insert and rmw, and {@code deleteproportion}
 *       (some YCSB versions) delete. {@code scanproportion} must be 0: the store SPI has no scans; so must any other
 *       operation proportion ({@code filterproportion}).</li>
 *   <li>{@code requestdistribution} (uniform): {@code uniform}; {@code zipfian} becomes {@code scrambled-zipfian}
 *       with {@code zipfianconstant} (0.99), because YCSB's core workload scrambles its zipfian ranks over the key
 *       space; {@code latest}; {@code hotspot} with {@code hotspotdatafraction} (0.2) and
 *       {@code hotspotopnfraction} (0.8).</li>
 *   <li>Values are one YCSB record: {@code fieldcount} (10) × {@code fieldlength} (100) bytes. With
 *       {@code fieldlengthdistribution=uniform} each field is uniform in [{@code minfieldlength} (1),
 *       {@code fieldlength}], and the record is taken as uniform over the same bounds (same mean, flatter
 *       shape).</li>
 *   <li>{@code threadcount} is the environment's threads.</li>
 * </ul>
 *
 * <p>Every other property is reported in a note ({@link Imported#notes()}) and ignored, because YCSB's core
 * workload would run the same point operations with or without it: naming, read-all-fields, measurement and export
 * settings, any dotted {@code binding.setting}, scan shapes while scans are 0, a distribution's parameters while
 * another distribution is chosen, properties at their neutral value ({@code target=0}, {@code insertstart=0}), and
 * properties YCSB's core workload does not define at all, which YCSB ignores too. A property that changes the
 * workload in a way a card cannot say is refused in one line naming it: scans, throttling ({@code target}),
 * partitioned loads ({@code insertstart}, {@code insertcount}), load-only runs, other request, field-length or
 * key-length distributions, and workload classes other than the core workload.
 *
 * <p>The file is read as {@code key=value} lines ({@code key: value} and {@code key value} too) with {@code #} and
 * {@code !} comments, so that every error can name its line; backslash escapes and continuation lines, which no
 * YCSB workload uses, are refused.
 */
public final class YcsbWorkloadImport {

    private static final Set<String> CORE_WORKLOADS =
        Set.of("site.ycsb.workloads.CoreWorkload", "com.yahoo.ycsb.workloads.CoreWorkload");

    /**
     * Properties YCSB's core workload and client define whose every value leaves the point operations a store
     * sees unchanged, each with the reason its note gives.
     */
    private static final Map<String, String> NO_EFFECT = noEffect();

    /**
     * Facebook ETC's key sizes as YCSB's {@code keylengthdistribution=extremevalue} draws them: a generalized extreme
     * value distribution with these parameters (Atikoglu et al., SIGMETRICS 2012), truncated to whole bytes and
     * capped at {@value #EXTREME_VALUE_CAP}.
     */
    private static final double GEV_MU = 30.7984;
    private static final double GEV_SIGMA = 8.20449;
    private static final double GEV_XI = 0.078688;
    private static final int EXTREME_VALUE_CAP = 100;

    /**
     * What an import produced: the spec, and one note per property it ignored (saying why) or honoured only in the
     * card's nearest terms (saying how).
     */
    public record Imported(Spec spec, List<String> notes) {
        public Imported {
            notes = List.copyOf(notes);
        }
    }

    /** Named in the file, read once, and located by line for errors. */
    private record Property(String value, int line) { }

    private YcsbWorkloadImport() {
    }

    private static Map<String, String> noEffect() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("table", "names YCSB's table; a store here has one key space");
        m.put("fieldnameprefix", "names the fields inside a record; a store here sees the record as one value");
        m.put("readallfields", "a key-value read returns the whole record either way");
        m.put("readallfieldsbyname", "a key-value read returns the whole record either way");
        m.put("writeallfields", "a key-value store writes the whole record either way (a YCSB binding merges a "
            + "one-field update into it)");
        m.put("dataintegrity", "jitskit verifies every value it reads anyway");
        m.put("insertorder", "orders YCSB's string keys; jitskit's keys are a hidden permutation of the ids either "
            + "way");
        m.put("zeropadding", "spells YCSB's string keys; imported keys are 8-byte ids unless keylengthdistribution "
            + "asks for lengths");
        m.put("db", "names a YCSB binding; jitskit runs the store given by --store");
        for (final String reporting : List.of("measurementtype", "histogram.buckets", "timeseries.granularity",
            "exporter", "exportfile", "status.interval", "reportlatencyforeacherror", "latencytrackederrors",
            "measurement.interval")) {
            m.put(reporting, "says how YCSB reports; jitskit reports its own measurements");
        }
        m.put("core_workload_insertion_retry_limit", "retries inserts a store failed; a store here does not fail "
            + "them");
        m.put("core_workload_insertion_retry_interval", "retries inserts a store failed; a store here does not fail "
            + "them");
        for (final String scan : List.of("maxscanlength", "minscanlength", "scanlengthdistribution")) {
            m.put(scan, "shapes scans, and the workload has none");
        }
        return Map.copyOf(m);
    }

    /** The workload card described by the YCSB property file {@code file}; its notes are dropped. */
    public static Workload importWorkload(final Path file) throws SpecException {
        return new Reader(file, readProperties(file)).workload();
    }

    /**
     * A spec around the imported workload: named after the file ({@code ycsb-workloada}), with the environment of
     * {@link #defaultEnvironment} and requirements listing read and the mix's operations, durability none, every
     * other field at its default. Validated.
     */
    public static Spec importSpec(final Path file) throws SpecException {
        return importWithNotes(file, null).spec();
    }

    /** As {@link #importSpec(Path)}, with the spec named {@code name} (which also names its storage directory). */
    public static Spec importSpec(final Path file, final String name) throws SpecException {
        return importWithNotes(file, name).spec();
    }

    /**
     * As {@link #importSpec(Path, String)}, with a note for each property the import ignored, each one line
     * {@code file:line: key=value: why}; {@code name} null names the spec after the file.
     */
    public static Imported importWithNotes(final Path file, final String name) throws SpecException {
        final String id = name != null ? name : "ycsb-" + file.getFileName().toString().toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._-]", "-");
        if (!SpecParser.isValidName(id)) {
            throw new SpecException(file, 0, "name", "'" + id + "' is not a spec id",
                "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        final Reader reader = new Reader(file, readProperties(file));
        final Workload workload = reader.workload();
        final Set<Operation> ops = EnumSet.of(Operation.READ);
        ops.addAll(workload.mix().operations());
        final Requirements requirements = new Requirements(ops, SpecGrammar.DEFAULT_RMW,
            SpecGrammar.DEFAULT_CONSISTENCY, SpecGrammar.DEFAULT_DURABILITY, SpecGrammar.DEFAULT_OBJECTIVE,
            SpecGrammar.DEFAULT_FORBIDDEN);
        Environment environment = defaultEnvironment(id);
        if (reader.threads() > 0) {
            environment = environment.withThreads(reader.threads());
        }
        final Spec spec = new Spec(id, null, environment, workload, requirements);
        SpecValidator.validate(new Spec(id, file, environment, workload, requirements));
        return new Imported(spec, reader.notes());
    }

    /** The environment an imported spec starts from: 4 GiB, default headroom and threads, files in /tmp/jitskit. */
    public static Environment defaultEnvironment(final String name) {
        return new Environment(4L << 30, Environment.DEFAULT_HEADROOM, SpecGrammar.DEFAULT_THREADS,
            Path.of("/tmp/jitskit", name), SpecGrammar.DEFAULT_MEDIUM, List.of());
    }

    private static Map<String, Property> readProperties(final Path file) throws SpecException {
        final String text = SpecParser.read(file, null, "YCSB workload file");
        final Map<String, Property> properties = new LinkedHashMap<>();
        final String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            final int lineNo = i + 1;
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            if (line.indexOf('\\') >= 0) {
                throw new SpecException(file, lineNo, null, "backslash escapes and continuation lines are not "
                    + "supported", "write the property on one line without backslashes");
            }
            int split = 0;
            while (split < line.length() && "=: \t".indexOf(line.charAt(split)) < 0) {
                split++;
            }
            final String key = line.substring(0, split);
            String rest = line.substring(split).stripLeading();
            if (!rest.isEmpty() && (rest.charAt(0) == '=' || rest.charAt(0) == ':')) {
                rest = rest.substring(1).stripLeading();
            }
            final Property previous = properties.put(key, new Property(rest, lineNo));
            if (previous != null) {
                throw new SpecException(file, lineNo, key, "given twice (first on line " + previous.line + ")",
                    "keep one");
            }
        }
        return properties;
    }

    /**
     * Interprets one file's properties. Each property is either read (honoured), noted (ignored, with the reason) or
     * refused; {@link #workload()} reads first, then notes every property it did not read.
     */
    private static final class Reader {
        private final Path file;
        private final Map<String, Property> properties;
        private final Set<String> read = new java.util.HashSet<>();
        /** Notes by line, so they read in the file's order. */
        private final java.util.SortedMap<Integer, String> notes = new java.util.TreeMap<>();
        private int threads;

        Reader(final Path file, final Map<String, Property> properties) {
            this.file = file;
            this.properties = properties;
        }

        List<String> notes() {
            return List.copyOf(notes.values());
        }

        /** {@code threadcount}, or 0 when the file does not give it. */
        int threads() {
            return threads;
        }

        Workload workload() throws SpecException {
            final Property workloadClass = take("workload");
            if (workloadClass != null && !CORE_WORKLOADS.contains(workloadClass.value)) {
                throw error("workload", "workload class " + workloadClass.value + " is not the core workload",
                    "use site.ycsb.workloads.CoreWorkload or remove the line");
            }
            if (!properties.containsKey("recordcount")) {
                throw new SpecException(file, 0, "recordcount", "is missing", "add recordcount=N, the keys loaded");
            }
            final long keyCount = count("recordcount", 0);
            if (keyCount == 0) {
                throw error("recordcount", "must be positive", "give the number of records to load");
            }
            neutralOrRefuse("target", 0, "throttling to a target rate is not supported: jitskit measures the "
                + "highest throughput", "remove target");
            neutralOrRefuse("insertstart", 0, "partitioned loads are not supported", "remove insertstart");
            if (properties.containsKey("insertcount")) {
                if (count("insertcount", keyCount) != keyCount) {
                    throw error("insertcount", "loading part of the records is not supported",
                        "remove insertcount or set it to recordcount");
                }
                note("insertcount", "equals recordcount, YCSB's default");
            }
            if (properties.containsKey("dotransactions")) {
                if (!"true".equals(take("dotransactions").value)) {
                    throw error("dotransactions", "a load-only run is not supported: a card loads, then runs",
                        "remove dotransactions");
                }
                note("dotransactions", "true is YCSB's default: load, then run");
            }
            if (properties.containsKey("threadcount")) {
                threads = (int) Math.min(Integer.MAX_VALUE, count("threadcount", 0));
                if (threads == 0) {
                    throw error("threadcount", "must be positive", "give the client threads, e.g. threadcount=2");
                }
            }
            final Workload workload = new Workload(keyCount, keys(), values(), mix(), distribution(),
                SpecGrammar.DEFAULT_TEMPORAL, true, run(), null);
            noteTheRest();
            return workload;
        }

        /** Notes every property not read, or refuses one whose value would change the operations. */
        private void noteTheRest() throws SpecException {
            for (final Map.Entry<String, Property> e : properties.entrySet()) {
                final String key = e.getKey();
                if (read.contains(key)) {
                    continue;
                }
                final String reason = NO_EFFECT.get(key);
                if (reason != null) {
                    note(key, reason);
                } else if (unusedParameter(key) != null) {
                    note(key, unusedParameter(key));
                } else if (key.endsWith("proportion")) {
                    // An operation of a YCSB variant (filterproportion): harmless at 0, unsupported otherwise.
                    if (fraction(key, 0) > 0) {
                        throw error(key, "is not a point operation of YCSB's core workload",
                            "set " + key + "=0 or remove it");
                    }
                    note(key, "an operation YCSB's core workload does not have, at 0");
                } else if (key.indexOf('.') > 0) {
                    note(key, "a binding's or measurement's setting, not part of the workload");
                } else {
                    note(key, "not a property of YCSB's core workload, which ignores it (check the spelling if you "
                        + "meant one)");
                }
            }
        }

        /** Why a distribution's parameter is unused by the distribution chosen, or null when it is not one. */
        private String unusedParameter(final String key) {
            return switch (key) {
                case "hotspotdatafraction", "hotspotopnfraction" -> "used by requestdistribution=hotspot only";
                case "zipfianconstant" -> "used by requestdistribution=zipfian or latest only";
                case "minfieldlength" -> "used by fieldlengthdistribution=uniform only";
                case "fieldlengthhistogram" -> "used by fieldlengthdistribution=histogram only";
                case "keylength" -> "used by keylengthdistribution=constant or uniform only";
                case "keylengthhistogram" -> "used by keylengthdistribution=histogram only";
                default -> null;
            };
        }

        private KeyFormat keys() throws SpecException {
            final Property shape = take("keylengthdistribution");
            final String name = shape == null ? "no" : shape.value;
            return switch (name) {
                case "no" -> {
                    if (shape != null) {
                        note("keylengthdistribution", "YCSB's own keys, which only encode the id: imported as "
                            + "8-byte ids");
                    }
                    yield new KeyFormat.Id8();
                }
                case "constant" -> new KeyFormat.Variable(new SizeDistribution.Fixed(keyLength()));
                case "uniform" -> {
                    final int max = keyLength();
                    approximated("keylengthdistribution", "imported as key lengths uniform up to keylength "
                        + max + " bytes, from " + Long.BYTES + " rather than 1: a key here embeds its 8-byte id");
                    yield new KeyFormat.Variable(max == Long.BYTES ? new SizeDistribution.Fixed(max)
                        : new SizeDistribution.Uniform(Long.BYTES, max));
                }
                case "extremevalue" -> {
                    final SizeDistribution.Uniform sizes = extremeValueKeys();
                    approximated("keylengthdistribution", String.format(Locale.ROOT, "Facebook ETC's key sizes (a "
                        + "generalized extreme value distribution, mean %.1f B, at most %d B): imported as {uniform: "
                        + "[%d, %d]}, the same mean from its 1st percentile, since a card has no such shape",
                        extremeValueMean(), EXTREME_VALUE_CAP, sizes.min(), sizes.max()));
                    yield new KeyFormat.Variable(sizes);
                }
                default -> throw error("keylengthdistribution", "key length distribution " + name
                    + " cannot be said on a card", "use constant or uniform with keylength=N, or extremevalue");
            };
        }

        private int keyLength() throws SpecException {
            if (!properties.containsKey("keylength")) {
                throw error("keylengthdistribution", "needs keylength, the key length in bytes",
                    "add keylength=N (at least 8)");
            }
            final long n = count("keylength", 0);
            if (n < Long.BYTES || n > SpecValidator.MAX_KEY_BYTES) {
                throw error("keylength", "must be between " + Long.BYTES + " and " + SpecValidator.MAX_KEY_BYTES
                    + ", was " + n + ": a key here embeds its 8-byte id", "give keylength=" + Long.BYTES
                    + " or more");
            }
            return (int) n;
        }

        /**
         * The extreme-value key sizes as the card's nearest shape: uniform from the distribution's 1st percentile to
         * the mirror of it around its mean, so the bytes a store keeps per key stay those of the original.
         */
        private static SizeDistribution.Uniform extremeValueKeys() {
            final int min = Math.max(Long.BYTES, (int) gevQuantile(0.01));
            final int max = (int) Math.round(2 * extremeValueMean() - min);
            return new SizeDistribution.Uniform(min, max);
        }

        /** The mean of the whole-byte, capped key sizes, integrated over the quantile function. */
        private static double extremeValueMean() {
            final int steps = 100_000;
            double sum = 0;
            for (int i = 0; i < steps; i++) {
                sum += Math.min(EXTREME_VALUE_CAP, Math.floor(gevQuantile((i + 0.5) / steps)));
            }
            return sum / steps;
        }

        private static double gevQuantile(final double u) {
            return GEV_MU + GEV_SIGMA * (Math.pow(-Math.log(u), -GEV_XI) - 1) / GEV_XI;
        }

        private OperationMix mix() throws SpecException {
            if (fraction("scanproportion", 0) > 0) {
                throw error("scanproportion", "scans are not supported: the store SPI has point operations only",
                    "set scanproportion=0");
            }
            if (properties.containsKey("scanproportion")) {
                note("scanproportion", "no scans, YCSB's default");
            }
            final Map<Operation, Double> weights = new EnumMap<>(Operation.class);
            weights.put(Operation.READ, fraction("readproportion", 0.95));
            weights.put(Operation.UPSERT, fraction("updateproportion", 0.05));
            weights.put(Operation.INSERT, fraction("insertproportion", 0));
            weights.put(Operation.RMW, fraction("readmodifywriteproportion", 0));
            weights.put(Operation.DELETE, fraction("deleteproportion", 0));
            if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                throw new SpecException(file, 0, "readproportion", "every operation proportion is 0",
                    "give readproportion, updateproportion, insertproportion or readmodifywriteproportion a "
                        + "positive value");
            }
            return SpecGrammar.normalizedMix(weights);
        }

        private KeyDistribution distribution() throws SpecException {
            final Property p = take("requestdistribution");
            final String name = p == null ? "uniform" : p.value;
            return switch (name) {
                case "uniform" -> new KeyDistribution.Uniform();
                case "zipfian" -> new KeyDistribution.ScrambledZipfian(theta());
                case "latest" -> new KeyDistribution.Latest(theta());
                case "hotspot" -> {
                    final double hotSet = fraction("hotspotdatafraction", 0.2);
                    if (hotSet <= 0 || hotSet >= 1) {
                        throw error("hotspotdatafraction", "must be between 0 and 1 exclusive, was " + hotSet,
                            "give a fraction such as 0.2");
                    }
                    yield new KeyDistribution.Hotspot(hotSet, fraction("hotspotopnfraction", 0.8));
                }
                default -> throw error("requestdistribution", "request distribution " + name
                    + " is not supported", "use uniform, zipfian, latest or hotspot");
            };
        }

        private double theta() throws SpecException {
            if (!properties.containsKey("zipfianconstant")) {
                return SpecGrammar.DEFAULT_THETA;
            }
            final double theta = number("zipfianconstant");
            if (!(theta > 0 && theta < 10) || theta == 1.0) {
                throw error("zipfianconstant", "must be in (0, 10) and not 1, was " + properties.get(
                    "zipfianconstant").value, "use a constant such as 0.99");
            }
            return theta;
        }

        private SizeDistribution values() throws SpecException {
            final long fields = count("fieldcount", 10);
            final long length = count("fieldlength", 100);
            if (fields == 0 || length == 0) {
                throw error(fields == 0 ? "fieldcount" : "fieldlength", "must be positive",
                    "give a positive number");
            }
            if (length > Integer.MAX_VALUE / fields) {
                throw error("fieldlength", "a record of " + fields + " × " + length + " bytes is too large",
                    "keep fieldcount × fieldlength below 2GiB");
            }
            final Property shape = take("fieldlengthdistribution");
            final String name = shape == null ? "constant" : shape.value;
            return switch (name) {
                case "constant" -> new SizeDistribution.Fixed((int) (fields * length));
                case "uniform" -> {
                    final long minLength = count("minfieldlength", 1);
                    if (minLength == 0 || minLength > length) {
                        throw error("minfieldlength", "must be between 1 and fieldlength " + length,
                            "give a minimum field length in that range");
                    }
                    yield new SizeDistribution.Uniform((int) (fields * minLength), (int) (fields * length));
                }
                default -> throw error("fieldlengthdistribution", "field length distribution " + name
                    + " is not supported", "use constant or uniform");
            };
        }

        private Phase run() throws SpecException {
            final boolean ops = properties.containsKey("operationcount");
            final boolean time = properties.containsKey("maxexecutiontime");
            if (ops && time) {
                throw error("maxexecutiontime", "operationcount and maxexecutiontime both bound the run",
                    "keep one of them");
            }
            if (ops) {
                final long n = count("operationcount", 0);
                if (n == 0) {
                    throw error("operationcount", "must be positive", "give the operations of the run phase");
                }
                return Phase.ofOperations(n);
            }
            if (time) {
                final long seconds = count("maxexecutiontime", 0);
                if (seconds == 0) {
                    throw error("maxexecutiontime", "must be positive", "give the run length in seconds");
                }
                return Phase.of(Duration.ofSeconds(seconds));
            }
            return SpecGrammar.DEFAULT_RUN;
        }

        /** Notes {@code key} when it holds its neutral value, refuses it otherwise. */
        private void neutralOrRefuse(final String key, final long neutral, final String problem, final String fix)
            throws SpecException {
            if (properties.containsKey(key)) {
                if (count(key, neutral) != neutral) {
                    throw error(key, problem, fix);
                }
                note(key, neutral + " is YCSB's default and changes nothing");
            }
        }

        private void note(final String key, final String reason) {
            final Property p = take(key);
            notes.put(p.line, file + ":" + p.line + ": " + key + "=" + p.value + ": " + reason + "; ignored");
        }

        /** Notes a property honoured in the card's nearest terms, saying how. */
        private void approximated(final String key, final String how) {
            final Property p = take(key);
            notes.put(p.line, file + ":" + p.line + ": " + key + "=" + p.value + ": " + how);
        }

        /** The property, marked as read so that it is neither noted nor refused again. */
        private Property take(final String key) {
            read.add(key);
            return properties.get(key);
        }

        private long count(final String key, final long absent) throws SpecException {
            final Property p = take(key);
            if (p == null) {
                return absent;
            }
            try {
                final long v = Long.parseLong(p.value);
                if (v >= 0) {
                    return v;
                }
            } catch (final NumberFormatException notAnInteger) {
                // reported below, with the line
            }
            throw error(key, "'" + p.value + "' is not a non-negative integer", "write a whole number");
        }

        private double fraction(final String key, final double absent) throws SpecException {
            if (!properties.containsKey(key)) {
                read.add(key);
                return absent;
            }
            final double v = number(key);
            if (!(v >= 0 && v <= 1)) {
                throw error(key, "must be between 0 and 1, was " + properties.get(key).value,
                    "give a proportion such as 0.5");
            }
            return v;
        }

        private double number(final String key) throws SpecException {
            final Property p = take(key);
            try {
                final double v = Double.parseDouble(p.value);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (final NumberFormatException notANumber) {
                // reported below, with the line
            }
            throw error(key, "'" + p.value + "' is not a number", "write a decimal number such as 0.5");
        }

        private SpecException error(final String key, final String problem, final String fix) {
            final Property p = properties.get(key);
            return new SpecException(file, p == null ? 0 : p.line, key, problem, fix);
        }
    }
}
