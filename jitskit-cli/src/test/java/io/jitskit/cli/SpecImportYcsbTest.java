package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jitskit spec import-ycsb}: a property that changes nothing is a note line on stderr and the card on stdout
 * validates; a property a card cannot say is one error line and exit 1.
 */
class SpecImportYcsbTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void aFilterProportionOfZeroIsANoteAndTheCardValidates() throws Exception {
        final Path file = Files.writeString(dir.resolve("workloadd"), """
            recordcount=500
            operationcount=500
            readproportion=0.95
            insertproportion=0.05
            updateproportion=0
            filterproportion=0
            requestdistribution=latest
            """);
        assertEquals(0, Jitskit.run("spec", "import-ycsb", file.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals("jitskit spec import-ycsb: note: " + file + ":6: filterproportion=0: an operation YCSB's core "
            + "workload does not have, at 0; ignored", err.toString(StandardCharsets.UTF_8).strip());
        final Path card = Files.writeString(dir.resolve("card.yaml"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, Jitskit.run("spec", "validate", card.toString()));
    }

    @Test
    void scansAreRefusedInOneLine() throws Exception {
        final Path file = Files.writeString(dir.resolve("workloade"), """
            recordcount=500
            readproportion=0
            scanproportion=0.95
            insertproportion=0.05
            maxscanlength=100
            """);
        assertEquals(Jitskit.EXIT_FAILED, Jitskit.run("spec", "import-ycsb", file.toString()));
        assertEquals(file + ":3: scanproportion: scans are not supported: the store SPI has point operations only; "
            + "set scanproportion=0", err.toString(StandardCharsets.UTF_8).strip());
    }
}
