package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every property YCSB's core workload and client define, in property files of our own: at its neutral value each is
 * honoured or noted and the import is YCSB's default workload; at other values each is honoured where a card can say
 * it, noted where it changes nothing a store sees, and refused in one line naming it otherwise.
 */
class YcsbCorePropertiesTest {

    @TempDir
    Path dir;

    /** Every property of the core workload and of the client that a workload file may hold, at its neutral value. */
    private static final String NEUTRAL = """
        workload=site.ycsb.workloads.CoreWorkload
        recordcount=1000
        operationcount=1000
        table=usertable
        fieldcount=10
        fieldlength=100
        minfieldlength=1
        fieldlengthdistribution=constant
        fieldlengthhistogram=hist.txt
        fieldnameprefix=field
        readallfields=true
        readallfieldsbyname=false
        writeallfields=false
        dataintegrity=false
        readproportion=0.95
        updateproportion=0.05
        insertproportion=0
        scanproportion=0
        readmodifywriteproportion=0
        requestdistribution=uniform
        zipfianconstant=0.99
        hotspotdatafraction=0.2
        hotspotopnfraction=0.8
        exponential.percentile=95
        exponential.frac=0.8571428571
        minscanlength=1
        maxscanlength=1000
        scanlengthdistribution=uniform
        insertstart=0
        insertcount=1000
        insertorder=hashed
        zeropadding=1
        keylengthdistribution=no
        keylength=255
        keylengthhistogram=keyhist.txt
        core_workload_insertion_retry_limit=0
        core_workload_insertion_retry_interval=3
        target=0
        threadcount=2
        dotransactions=true
        db=site.ycsb.BasicDB
        measurementtype=hdrhistogram
        measurement.interval=op
        histogram.buckets=1000
        timeseries.granularity=1000
        status.interval=10
        reportlatencyforeacherror=false
        latencytrackederrors=
        exporter=site.ycsb.measurements.exporter.TextMeasurementsExporter
        exportfile=/tmp/ycsb.txt
        """;

    /** What the import reads (honours) rather than notes. */
    private static final Set<String> HONOURED = Set.of("workload", "recordcount", "operationcount", "fieldcount",
        "fieldlength", "fieldlengthdistribution", "readproportion", "updateproportion", "insertproportion",
        "readmodifywriteproportion", "requestdistribution", "threadcount");

    @Test
    void everyPropertyAtItsNeutralValueImportsYcsbsDefaultWorkloadAndNotesTheRest() throws Exception {
        final Path file = write(NEUTRAL);
        final YcsbWorkloadImport.Imported imported = YcsbWorkloadImport.importWithNotes(file, "neutral");
        final Workload expected = new Workload(1000, new KeyFormat.Id8(), new SizeDistribution.Fixed(1000),
            SpecGrammar.normalizedMix(Map.of(Operation.READ, 0.95, Operation.UPSERT, 0.05)),
            new KeyDistribution.Uniform(), new TemporalPattern.Steady(), true, Phase.ofOperations(1000), null);
        assertEquals(expected, imported.spec().workload());
        assertEquals(2, imported.spec().environment().threads());
        final Set<String> all = new TreeSet<>(NEUTRAL.lines().map(l -> l.substring(0, l.indexOf('='))).toList());
        all.removeAll(HONOURED);
        assertEquals(all, new TreeSet<>(noted(imported)), "every property not honoured has its note");
        assertEquals(imported.notes().size(), all.size(), "one note per property");
        assertTrue(imported.notes().stream().allMatch(n -> n.startsWith(file + ":") && n.endsWith("; ignored")),
            String.join("\n", imported.notes()));
    }

    static Stream<Arguments> honoured() {
        return Stream.of(
            Arguments.of("fieldcount=4\nfieldlength=50", (Check) w -> assertEquals(
                new SizeDistribution.Fixed(200), w.valueSizes())),
            Arguments.of("fieldlengthdistribution=uniform\nminfieldlength=10", (Check) w -> assertEquals(
                new SizeDistribution.Uniform(100, 1000), w.valueSizes())),
            Arguments.of("requestdistribution=zipfian\nzipfianconstant=0.8", (Check) w -> assertEquals(
                new KeyDistribution.ScrambledZipfian(0.8), w.distribution())),
            Arguments.of("requestdistribution=latest", (Check) w -> assertEquals(
                new KeyDistribution.Latest(0.99), w.distribution())),
            Arguments.of("requestdistribution=hotspot\nhotspotdatafraction=0.1\nhotspotopnfraction=0.9",
                (Check) w -> assertEquals(new KeyDistribution.Hotspot(0.1, 0.9), w.distribution())),
            Arguments.of("readproportion=0.2\nupdateproportion=0.2\ninsertproportion=0.2\n"
                + "readmodifywriteproportion=0.2\ndeleteproportion=0.2", (Check) w -> assertEquals(
                    Set.of(Operation.READ, Operation.UPSERT, Operation.INSERT, Operation.RMW, Operation.DELETE),
                    w.mix().operations())),
            Arguments.of("operationcount=5000", (Check) w -> assertEquals(Phase.ofOperations(5000), w.run())),
            Arguments.of("-operationcount\nmaxexecutiontime=30", (Check) w -> assertEquals(
                Phase.of(java.time.Duration.ofSeconds(30)), w.run())),
            Arguments.of("keylengthdistribution=constant\nkeylength=24", (Check) w -> assertEquals(
                new KeyFormat.Variable(new SizeDistribution.Fixed(24)), w.keyFormat())),
            Arguments.of("keylengthdistribution=uniform\nkeylength=64", (Check) w -> assertEquals(
                new KeyFormat.Variable(new SizeDistribution.Uniform(8, 64)), w.keyFormat())),
            Arguments.of("keylengthdistribution=extremevalue", (Check) w -> {
                final KeyFormat.Variable keys = assertInstanceOf(KeyFormat.Variable.class, w.keyFormat());
                final SizeDistribution.Uniform sizes = assertInstanceOf(SizeDistribution.Uniform.class,
                    keys.sizes());
                // Facebook ETC's key sizes average about 36 bytes (GEV mu 30.8, sigma 8.2, xi 0.079).
                assertTrue(Math.abs((sizes.min() + sizes.max()) / 2.0 - 35.7) < 1, sizes.toString());
                assertTrue(sizes.min() >= 8 && sizes.min() <= 20 && sizes.max() < 100, sizes.toString());
            }));
    }

    @FunctionalInterface
    interface Check {
        void accept(Workload w) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honoured")
    void aPropertyThatChangesTheWorkloadIsHonouredWhereACardCanSayIt(final String lines, final Check check)
        throws Exception {
        final Path file = write(edit(NEUTRAL, lines));
        final Spec spec = YcsbWorkloadImport.importWithNotes(file, "honoured").spec();
        check.accept(spec.workload());
        assertEquals(spec, SpecParser.parse(SpecWriter.toYaml(spec), null), "the card says it");
    }

    @Test
    void threadcountIsTheEnvironmentsThreads() throws Exception {
        final Path file = write(edit(NEUTRAL, "threadcount=8"));
        assertEquals(8, YcsbWorkloadImport.importWithNotes(file, "threads").spec().environment().threads());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noEffect")
    void aPropertyThatChangesNothingAStoreSeesIsNotedEvenAwayFromItsDefault(final String line) throws Exception {
        final Path file = write(edit(NEUTRAL, line));
        final YcsbWorkloadImport.Imported imported = YcsbWorkloadImport.importWithNotes(file, "noted");
        final String key = line.substring(0, line.indexOf('='));
        assertTrue(imported.notes().stream().anyMatch(n -> n.contains(": " + line + ": ")),
            key + " noted with its value: " + imported.notes());
        assertEquals(YcsbWorkloadImport.importWithNotes(write(NEUTRAL), "noted").spec().workload(),
            imported.spec().workload(), "the workload of the neutral file");
    }

    static Stream<String> noEffect() {
        return Stream.of("table=orders", "fieldnameprefix=f", "readallfields=false", "readallfieldsbyname=true",
            "writeallfields=true", "dataintegrity=true", "insertorder=ordered", "zeropadding=20",
            "maxscanlength=10", "minscanlength=5", "scanlengthdistribution=zipfian", "fieldlengthhistogram=h.txt",
            "hotspotdatafraction=0.5", "hotspotopnfraction=0.5", "zipfianconstant=0.5", "minfieldlength=50",
            "keylength=32", "keylengthhistogram=k.txt", "core_workload_insertion_retry_limit=5",
            "core_workload_insertion_retry_interval=1", "measurementtype=timeseries", "db=site.ycsb.db.RocksDBClient",
            "exponential.percentile=50", "status.interval=1", "exporter=x.JSONMeasurementsExporter",
            "readBatchSize=2", "filterproportion=0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aPropertyThatChangesTheWorkloadBeyondACardIsRefusedInOneLineNamingIt(final String lines,
                                                                             final String key) throws IOException {
        final Path file = write(edit(NEUTRAL, lines));
        final SpecException e = assertThrows(SpecException.class,
            () -> YcsbWorkloadImport.importWithNotes(file, "refused"));
        assertEquals(key, e.field(), e.getMessage());
        assertTrue(e.line() > 0 && e.getMessage().startsWith(file + ":" + e.line() + ": " + key + ": "),
            e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            Arguments.of("scanproportion=0.5", "scanproportion"),
            Arguments.of("filterproportion=0.1", "filterproportion"),
            Arguments.of("target=1000", "target"),
            Arguments.of("insertstart=10", "insertstart"),
            Arguments.of("insertcount=10", "insertcount"),
            Arguments.of("dotransactions=false", "dotransactions"),
            Arguments.of("threadcount=0", "threadcount"),
            Arguments.of("requestdistribution=sequential", "requestdistribution"),
            Arguments.of("requestdistribution=exponential", "requestdistribution"),
            Arguments.of("fieldlengthdistribution=zipfian", "fieldlengthdistribution"),
            Arguments.of("fieldlengthdistribution=histogram", "fieldlengthdistribution"),
            Arguments.of("keylengthdistribution=zipfian", "keylengthdistribution"),
            Arguments.of("keylengthdistribution=histogram", "keylengthdistribution"),
            Arguments.of("keylengthdistribution=constant\nkeylength=4", "keylength"),
            Arguments.of("workload=site.ycsb.workloads.TimeSeriesWorkload", "workload"));
    }

    /** {@code file} with {@code lines} applied: each {@code key=value} replaces the key's line, {@code -key} drops it. */
    private static String edit(final String file, final String lines) {
        final List<String> keys = lines.lines().map(l -> l.startsWith("-") ? l.substring(1) + "="
            : l.substring(0, l.indexOf('=') + 1)).toList();
        final StringBuilder b = new StringBuilder();
        file.lines().filter(l -> keys.stream().noneMatch(l::startsWith)).forEach(l -> b.append(l).append('\n'));
        lines.lines().filter(l -> !l.startsWith("-")).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    private static List<String> noted(final YcsbWorkloadImport.Imported imported) {
        return imported.notes().stream().map(n -> n.split(": ", 3)[1].split("=", 2)[0]).toList();
    }

    private Path write(final String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "workload", ""), text);
    }
}
