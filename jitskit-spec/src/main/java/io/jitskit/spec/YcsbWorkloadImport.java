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
 * Imports a YCSB workload property file ({@code workloada} to {@code workloadf} style) as a workload card.
 *
 * <p>What is read, with YCSB's own defaults where the file is silent:
 * <ul>
 *   <li>{@code recordcount} (required) is {@code keys.count}; keys are {@code id8} (YCSB's {@code user<hash>}
 *       strings only encode the same id).</li>
 *   <li>{@code operationcount} is {@code run: {operations: N}}; {@code maxexecutiontime} (seconds) is
 *       {@code run: {duration: Ns}}; neither is the card default, both together is an error, since a run phase
 *       here has one length.</li>
 *   <li>{@code readproportion} (0.95), {@code updateproportion} (0.05), {@code insertproportion} (0),
 *       {@code readmodifywriteproportion} (0) become read, upsert, insert and rmw. {@code scanproportion} must be 0:
 *       the store SPI has no scans.</li>
 *   <li>{@code requestdistribution} (uniform): {@code uniform}; {@code zipfian} becomes {@code scrambled-zipfian}
 *       with {@code zipfianconstant} (0.99), because YCSB's core workload scrambles its zipfian ranks over the key
 *       space; {@code latest}; {@code hotspot} with {@code hotspotdatafraction} (0.2) and
 *       {@code hotspotopnfraction} (0.8).</li>
 *   <li>Values are one YCSB record: {@code fieldcount} (10) × {@code fieldlength} (100) bytes. With
 *       {@code fieldlengthdistribution=uniform} each field is uniform in [{@code minfieldlength} (1),
 *       {@code fieldlength}], and the record is taken as uniform over the same bounds (same mean, flatter
 *       shape).</li>
 * </ul>
 *
 * <p>Properties that change what is measured and cannot be honoured are errors: scans, throttling ({@code target}),
 * partitioned loads ({@code insertstart}, {@code insertcount}), other request or field-length distributions, and
 * workload classes other than the core workload. Properties that do not change what the store is asked to do
 * (field naming, read-all-fields, measurement and export settings, and any dotted {@code binding.setting}) are
 * ignored; any other unknown property is an error, as an unknown card field is.
 *
 * <p>The file is read as {@code key=value} lines ({@code key: value} and {@code key value} too) with {@code #} and
 * {@code !} comments, so that every error can name its line; backslash escapes and continuation lines, which no
 * YCSB workload uses, are refused.
 */
public final class YcsbWorkloadImport {

    private static final Set<String> CORE_WORKLOADS =
        Set.of("site.ycsb.workloads.CoreWorkload", "com.yahoo.ycsb.workloads.CoreWorkload");

    private static final Set<String> USED = Set.of(
        "workload", "recordcount", "operationcount", "maxexecutiontime",
        "readproportion", "updateproportion", "insertproportion", "scanproportion", "readmodifywriteproportion",
        "requestdistribution", "zipfianconstant", "hotspotdatafraction", "hotspotopnfraction",
        "fieldcount", "fieldlength", "minfieldlength", "fieldlengthdistribution",
        "target", "insertstart", "insertcount");

    /** Harmless here: how YCSB names, reads back, measures or reports records, none of which a store sees. */
    private static final Set<String> IGNORED = Set.of(
        "table", "fieldnameprefix", "readallfields", "readallfieldsbyname", "writeallfields", "dataintegrity",
        "insertorder", "zeropadding", "threadcount", "measurementtype", "measurement.interval",
        "histogram.buckets", "timeseries.granularity", "exporter", "exportfile", "status.interval", "db",
        "dotransactions", "maxscanlength", "minscanlength", "scanlengthdistribution", "fieldlengthhistogram",
        "core_workload_insertion_retry_limit", "core_workload_insertion_retry_interval");

    /** Named in the file, read once, and located by line for errors. */
    private record Property(String value, int line) { }

    private YcsbWorkloadImport() {
    }

    /** The workload card described by the YCSB property file {@code file}. */
    public static Workload importWorkload(final Path file) throws SpecException {
        return new Reader(file, readProperties(file)).workload();
    }

    /**
     * A spec around the imported workload: named after the file ({@code ycsb-workloada}), with the environment of
     * {@link #defaultEnvironment} and requirements listing read and the mix's operations, durability none, every
     * other field at its default. Validated.
     */
    public static Spec importSpec(final Path file) throws SpecException {
        return importSpec(file, "ycsb-" + file.getFileName().toString().toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._-]", "-"));
    }

    /** As {@link #importSpec(Path)}, with the spec named {@code name} (which also names its storage directory). */
    public static Spec importSpec(final Path file, final String name) throws SpecException {
        if (!SpecParser.isValidName(name)) {
            throw new SpecException(file, 0, "name", "'" + name + "' is not a spec id",
                "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        final Workload workload = importWorkload(file);
        final Set<Operation> ops = EnumSet.of(Operation.READ);
        ops.addAll(workload.mix().operations());
        final Requirements requirements = new Requirements(ops, SpecGrammar.DEFAULT_RMW,
            SpecGrammar.DEFAULT_CONSISTENCY, SpecGrammar.DEFAULT_DURABILITY, SpecGrammar.DEFAULT_OBJECTIVE,
            SpecGrammar.DEFAULT_FORBIDDEN);
        final Spec spec = new Spec(name, null, defaultEnvironment(name), workload, requirements);
        SpecValidator.validate(new Spec(name, file, spec.environment(), workload, requirements));
        return spec;
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

    /** Interprets one file's properties; each read marks its property, so unread leftovers can be refused. */
    private static final class Reader {
        private final Path file;
        private final Map<String, Property> properties;

        Reader(final Path file, final Map<String, Property> properties) {
            this.file = file;
            this.properties = properties;
        }

        Workload workload() throws SpecException {
            refuseUnknown();
            final Property workloadClass = properties.get("workload");
            if (workloadClass != null && !CORE_WORKLOADS.contains(workloadClass.value)) {
                throw error("workload", "workload class " + workloadClass.value + " is not the core workload",
                    "use site.ycsb.workloads.CoreWorkload or remove the line");
            }
            final Property records = properties.get("recordcount");
            if (records == null) {
                throw new SpecException(file, 0, "recordcount", "is missing", "add recordcount=N, the keys loaded");
            }
            final long keyCount = count("recordcount", 0);
            if (keyCount == 0) {
                throw error("recordcount", "must be positive", "give the number of records to load");
            }
            refuseNonZero("target", "throttling to a target rate is not supported: jitskit measures the highest "
                + "throughput", "remove target");
            refuseNonZero("insertstart", "partitioned loads are not supported", "remove insertstart");
            if (properties.containsKey("insertcount") && count("insertcount", keyCount) != keyCount) {
                throw error("insertcount", "loading part of the records is not supported",
                    "remove insertcount or set it to recordcount");
            }
            return new Workload(keyCount, new KeyFormat.Id8(), values(), mix(), distribution(),
                SpecGrammar.DEFAULT_TEMPORAL, true, run(), null);
        }

        private void refuseUnknown() throws SpecException {
            for (final Map.Entry<String, Property> e : properties.entrySet()) {
                final String key = e.getKey();
                if (!USED.contains(key) && !IGNORED.contains(key) && key.indexOf('.') < 0) {
                    throw error(key, "unknown YCSB property",
                        "remove it; jitskit reads " + String.join(", ", USED.stream().sorted().toList()));
                }
            }
        }

        private OperationMix mix() throws SpecException {
            if (fraction("scanproportion", 0) > 0) {
                throw error("scanproportion", "scans are not supported: the store SPI has point operations only",
                    "set scanproportion=0");
            }
            final Map<Operation, Double> weights = new EnumMap<>(Operation.class);
            weights.put(Operation.READ, fraction("readproportion", 0.95));
            weights.put(Operation.UPSERT, fraction("updateproportion", 0.05));
            weights.put(Operation.INSERT, fraction("insertproportion", 0));
            weights.put(Operation.RMW, fraction("readmodifywriteproportion", 0));
            if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                throw new SpecException(file, 0, "readproportion", "every operation proportion is 0",
                    "give readproportion, updateproportion, insertproportion or readmodifywriteproportion a "
                        + "positive value");
            }
            return SpecGrammar.normalizedMix(weights);
        }

        private KeyDistribution distribution() throws SpecException {
            final Property p = properties.get("requestdistribution");
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
            final Property p = properties.get("zipfianconstant");
            if (p == null) {
                return SpecGrammar.DEFAULT_THETA;
            }
            final double theta = number("zipfianconstant");
            if (!(theta > 0 && theta < 10) || theta == 1.0) {
                throw error("zipfianconstant", "must be in (0, 10) and not 1, was " + p.value,
                    "use a constant such as 0.99");
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
            final Property shape = properties.get("fieldlengthdistribution");
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

        private void refuseNonZero(final String key, final String problem, final String fix) throws SpecException {
            if (properties.containsKey(key) && count(key, 0) != 0) {
                throw error(key, problem, fix);
            }
        }

        private long count(final String key, final long absent) throws SpecException {
            final Property p = properties.get(key);
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
            final Property p = properties.get(key);
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
