package io.jitskit.gate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.gate.audit.samples.CleanSession;
import io.jitskit.gate.audit.samples.ExitingSession;
import io.jitskit.gate.audit.samples.HarnessPeekingSession;
import io.jitskit.gate.audit.samples.RandomReadSession;
import io.jitskit.gate.audit.samples.ReflectiveSession;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of the static audit finds its sample's violation, at the right class, method and line. */
class StaticAuditTest {

    private static final StaticAudit.Rules ALL = new StaticAudit.Rules(true, true);

    @TempDir
    Path tmp;

    private static List<Finding> audit(final Class<?> root) throws IOException {
        return StaticAudit.audit(ClassSet.reachableFrom(root), ALL);
    }

    /** The line of the sample's source marked {@code // audit: marker}. */
    private static int markedLine(final Class<?> sample, final String marker) throws IOException {
        final Path source = Path.of("src/test/java", sample.getName().replace('.', '/') + ".java");
        final List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// audit: " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(source + " has no line marked " + marker);
    }

    private static void assertSingle(final List<Finding> findings, final String rule, final Class<?> sample,
                                     final String method, final int line) {
        assertEquals(1, findings.size(), findings.toString());
        final Finding f = findings.get(0);
        assertEquals(rule, f.rule(), f.describe());
        assertEquals(sample.getName(), f.className(), f.describe());
        assertTrue(f.method().startsWith(method + "("), f.describe());
        assertEquals(line, f.line(), f.describe());
    }

    @Test
    void exitReachableFromAnOperationIsFoundTwoCallsDown() throws IOException {
        assertSingle(audit(ExitingSession.class), StaticAudit.EXIT, ExitingSession.class, "full",
            markedLine(ExitingSession.class, "exit"));
    }

    @Test
    void aGeneratorOnTheReadPathIsFoundAndOneOnTheWritePathIsNot() throws IOException {
        assertSingle(audit(RandomReadSession.class), StaticAudit.READ_PATH_RANDOM, RandomReadSession.class, "fill",
            markedLine(RandomReadSession.class, "random"));
    }

    @Test
    void reflectionIsFound() throws IOException {
        assertSingle(audit(ReflectiveSession.class), StaticAudit.REFLECTION, ReflectiveSession.class, "upsert",
            markedLine(ReflectiveSession.class, "reflection"));
    }

    @Test
    void aCallIntoTheHarnessIsFound() throws IOException {
        assertSingle(audit(HarnessPeekingSession.class), StaticAudit.HARNESS, HarnessPeekingSession.class, "read",
            markedLine(HarnessPeekingSession.class, "harness"));
    }

    @Test
    void varHandlesCollectionsAndKeyHashingAreClean() throws IOException {
        assertEquals(List.of(), audit(CleanSession.class));
    }

    @Test
    void aKeyValueLibraryInAStoreJarIsFoundUnlessAllowed() throws IOException {
        final ClassDesc rocks = ClassDesc.of("org.rocksdb.RocksDB");
        final byte[] bytes = ClassFile.of().build(ClassDesc.of("synth.RocksBackedStore"), cb -> cb
            .withMethodBody("open", MethodTypeDesc.of(ConstantDescs.CD_void), ClassFile.ACC_PUBLIC
                | ClassFile.ACC_STATIC, code -> code
                .lineNumber(12)
                .invokestatic(rocks, "loadLibrary", MethodTypeDesc.of(ConstantDescs.CD_void))
                .return_()));
        final Path jar = tmp.resolve("store.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("synth/RocksBackedStore.class"));
            out.write(bytes);
        }
        final List<Finding> found = StaticAudit.audit(ClassSet.ofJar(jar), ALL);
        assertEquals(1, found.size(), found.toString());
        assertEquals(StaticAudit.EXTERNAL_KV, found.get(0).rule());
        assertEquals("synth.RocksBackedStore", found.get(0).className());
        assertEquals(12, found.get(0).line());
        assertEquals(List.of(), StaticAudit.audit(ClassSet.ofJar(jar), new StaticAudit.Rules(false, true)));
    }

    @Test
    void theReferenceStoreIsClean() throws IOException {
        final List<Finding> findings = audit(io.jitskit.stores.reference.ReferenceStoreProvider.class);
        assertEquals(List.of(), findings);
    }
}
