package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YCSB core workloads a to f (test resources written after YCSB's own files), and the import's refusals. */
class YcsbWorkloadImportTest {

    private static final SizeDistribution RECORD = new SizeDistribution.Fixed(1000);

    @TempDir
    Path dir;

    private static Path resource(final String name) throws URISyntaxException {
        return Path.of(YcsbWorkloadImportTest.class.getResource("/ycsb/" + name).toURI());
    }

    private static Workload expected(final Map<Operation, Double> mix, final KeyDistribution distribution) {
        return new Workload(1000, new KeyFormat.Id8(), RECORD, SpecGrammar.normalizedMix(mix), distribution,
            new TemporalPattern.Steady(), true, Phase.ofOperations(1000), null);
    }

    @Test
    void workloadAIsHalfReadsHalfUpsertsOverScrambledZipfianWithFacebookSizedKeys() throws Exception {
        final YcsbWorkloadImport.Imported a = YcsbWorkloadImport.importWithNotes(resource("workloada"), null);
        final Workload w = a.spec().workload();
        assertEquals(SpecGrammar.normalizedMix(Map.of(Operation.READ, 0.5, Operation.UPSERT, 0.5)), w.mix());
        assertEquals(new KeyDistribution.ScrambledZipfian(0.99), w.distribution());
        assertEquals(new KeyFormat.Variable(new SizeDistribution.Uniform(18, 53)), w.keyFormat());
        assertEquals(List.of("readallfields", "scanproportion", "keylengthdistribution"), notedKeys(a));
    }

    @Test
    void workloadBIsReadMostly() throws Exception {
        assertEquals(expected(Map.of(Operation.READ, 0.95, Operation.UPSERT, 0.05),
                new KeyDistribution.ScrambledZipfian(0.99)),
            YcsbWorkloadImport.importWorkload(resource("workloadb")));
    }

    @Test
    void workloadCIsReadOnlyAndNotesItsReadBatchSize() throws Exception {
        final YcsbWorkloadImport.Imported c = YcsbWorkloadImport.importWithNotes(resource("workloadc"), null);
        assertEquals(expected(Map.of(Operation.READ, 1.0), new KeyDistribution.ScrambledZipfian(0.99)),
            c.spec().workload());
        assertTrue(c.notes().getLast().contains("readBatchSize=2: not a property of YCSB's core workload"),
            c.notes().getLast());
    }

    @Test
    void workloadDInsertsAndReadsTheLatestAndNotesItsFilterProportionOfZero() throws Exception {
        final YcsbWorkloadImport.Imported d = YcsbWorkloadImport.importWithNotes(resource("workloadd"), null);
        assertEquals(expected(Map.of(Operation.READ, 0.95, Operation.INSERT, 0.05), new KeyDistribution.Latest(0.99)),
            d.spec().workload());
        assertTrue(notedKeys(d).contains("filterproportion"), d.notes().toString());
    }

    @Test
    void workloadEIsRefusedBecauseItScans() throws Exception {
        final Path e = resource("workloade");
        final SpecException error = assertThrows(SpecException.class, () -> YcsbWorkloadImport.importWorkload(e));
        assertEquals(e + ":9: scanproportion: scans are not supported: the store SPI has point operations only; "
            + "set scanproportion=0", error.getMessage());
    }

    @Test
    void workloadFReadsAndReadModifyWrites() throws Exception {
        assertEquals(expected(Map.of(Operation.READ, 0.5, Operation.RMW, 0.5),
                new KeyDistribution.ScrambledZipfian(0.99)),
            YcsbWorkloadImport.importWorkload(resource("workloadf")));
    }

    @Test
    void silentPropertiesTakeYcsbDefaults() throws Exception {
        final Workload w = importText("recordcount=10\n");
        assertEquals(SpecGrammar.normalizedMix(Map.of(Operation.READ, 0.95, Operation.UPSERT, 0.05)), w.mix());
        assertEquals(new KeyDistribution.Uniform(), w.distribution());
        assertEquals(RECORD, w.valueSizes());
        assertEquals(SpecGrammar.DEFAULT_RUN, w.run());
    }

    @Test
    void hotspotUniformFieldsZipfianConstantAndTimeLimitAreRead() throws Exception {
        final Workload hot = importText("""
            recordcount: 5000
            maxexecutiontime = 20
            requestdistribution hotspot
            hotspotdatafraction=0.1
            hotspotopnfraction=0.7
            fieldcount=4
            fieldlength=50
            minfieldlength=10
            fieldlengthdistribution=uniform
            """);
        assertEquals(new KeyDistribution.Hotspot(0.1, 0.7), hot.distribution());
        assertEquals(new SizeDistribution.Uniform(40, 200), hot.valueSizes());
        assertEquals(Phase.of(java.time.Duration.ofSeconds(20)), hot.run());

        final Workload skewed = importText("recordcount=10\nrequestdistribution=zipfian\nzipfianconstant=0.8\n");
        assertEquals(new KeyDistribution.ScrambledZipfian(0.8), skewed.distribution());
    }

    @Test
    void harmlessPropertiesAndBindingSettingsAreIgnoredWithANoteEach() throws Exception {
        final Path file = write("""
            recordcount=10
            table=usertable
            measurementtype=hdrhistogram
            readallfields=false
            writeallfields=true
            dataintegrity=true
            rocksdb.dir=/tmp/ycsb
            """);
        final YcsbWorkloadImport.Imported imported = YcsbWorkloadImport.importWithNotes(file, null);
        assertEquals(10, imported.spec().workload().keyCount());
        assertEquals(List.of("table", "measurementtype", "readallfields", "writeallfields", "dataintegrity",
            "rocksdb.dir"), notedKeys(imported));
        assertEquals(file + ":7: rocksdb.dir=/tmp/ycsb: a binding's or measurement's setting, not part of the "
            + "workload; ignored", imported.notes().get(5));
    }

    @Test
    void semanticPropertiesThatCannotBeHonouredAreRefusedOnTheirLine() throws IOException {
        assertRefused("recordcount=10\ntarget=1000\n",
            ":2: target: throttling to a target rate is not supported: jitskit measures the highest throughput; "
                + "remove target");
        assertRefused("recordcount=10\nrequestdistribution=sequential\n",
            ":2: requestdistribution: request distribution sequential is not supported; "
                + "use uniform, zipfian, latest or hotspot");
        assertRefused("recordcount=10\nfieldlengthdistribution=zipfian\n",
            ":2: fieldlengthdistribution: field length distribution zipfian is not supported; use constant or uniform");
        assertRefused("recordcount=10\ninsertstart=500\n",
            ":2: insertstart: partitioned loads are not supported; remove insertstart");
        assertRefused("recordcount=10\nworkload=site.ycsb.workloads.TimeSeriesWorkload\n",
            ":2: workload: workload class site.ycsb.workloads.TimeSeriesWorkload is not the core workload; "
                + "use site.ycsb.workloads.CoreWorkload or remove the line");
        assertRefused("recordcount=10\noperationcount=10\nmaxexecutiontime=5\n",
            ":3: maxexecutiontime: operationcount and maxexecutiontime both bound the run; keep one of them");
        assertRefused("readproportion=1\n", ": recordcount: is missing; add recordcount=N, the keys loaded");
        assertRefused("recordcount=10\nreadproportion=1.5\n",
            ":2: readproportion: must be between 0 and 1, was 1.5; give a proportion such as 0.5");
        assertRefused("recordcount=ten\n",
            ":1: recordcount: 'ten' is not a non-negative integer; write a whole number");
    }

    @Test
    void unknownPropertiesAreNotedAndIgnoredAsYcsbIgnoresThem() throws Exception {
        final Path file = write("recordcount=10\nreadproportoin=0.5\n");
        final YcsbWorkloadImport.Imported imported = YcsbWorkloadImport.importWithNotes(file, null);
        assertEquals(List.of(file + ":2: readproportoin=0.5: not a property of YCSB's core workload, which ignores "
            + "it (check the spelling if you meant one); ignored"), imported.notes());
        assertEquals(SpecGrammar.normalizedMix(Map.of(Operation.READ, 0.95, Operation.UPSERT, 0.05)),
            imported.spec().workload().mix(), "YCSB's defaults, as YCSB would run the file");
    }

    @Test
    void anImportedSpecRequiresReadAndTheMixAndValidates() throws Exception {
        final Spec spec = YcsbWorkloadImport.importSpec(resource("workloadf"));
        assertEquals("ycsb-workloadf", spec.name());
        assertEquals(EnumSet.of(Operation.READ, Operation.RMW), spec.requirements().operations());
        assertEquals(spec, SpecParser.parse(SpecWriter.toYaml(spec), null));
    }

    private static List<String> notedKeys(final YcsbWorkloadImport.Imported imported) {
        return imported.notes().stream().map(n -> n.split(": ", 3)[1].split("=", 2)[0]).toList();
    }

    private void assertRefused(final String text, final String expectedAfterFile) throws IOException {
        final Path file = write(text);
        final SpecException e = assertThrows(SpecException.class, () -> YcsbWorkloadImport.importWorkload(file));
        assertEquals(file + expectedAfterFile, e.getMessage());
    }

    private Workload importText(final String text) throws IOException, SpecException {
        return YcsbWorkloadImport.importWorkload(write(text));
    }

    private Path write(final String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "workload", ""), text);
    }
}
