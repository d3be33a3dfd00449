package io.jitskit.gate.lossy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a simulated power loss keeps and drops: exactly what was, and was not, fsynced. */
class LossyFileSystemTest {

    @TempDir
    Path tmp;

    private Path realDir;
    private LossyFileSystem fs;
    private Path dir;

    @BeforeEach
    void open() throws IOException {
        realDir = tmp.resolve("data");
        Files.createDirectories(realDir);
        fs = LossyFileSystem.open(tmp.resolve("undo.journal"), tmp.resolve("side"));
        dir = fs.wrap(realDir);
    }

    private UndoJournal.Loss powerLoss() throws IOException {
        fs.close();
        return UndoJournal.applyPowerLoss(tmp.resolve("undo.journal"), realDir);
    }

    private void write(final Path file, final String text, final boolean fsync, final StandardOpenOption... extra)
        throws IOException {
        final java.util.Set<StandardOpenOption> options = new java.util.HashSet<>(java.util.List.of(
            StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        options.addAll(java.util.List.of(extra));
        try (FileChannel ch = FileChannel.open(file, options)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            if (fsync) {
                ch.force(true);
            }
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private String read(final String name) throws IOException {
        return Files.readString(realDir.resolve(name));
    }

    @Test
    void fsyncedDataSurvivesAndLaterAppendsAreCut() throws IOException {
        write(dir.resolve("log"), "durable|", true);
        syncDirectory();
        write(dir.resolve("log"), "lost", false, StandardOpenOption.APPEND);
        assertEquals("durable|lost", read("log"), "the OS has it before the crash");
        final UndoJournal.Loss loss = powerLoss();
        assertEquals("durable|", read("log"));
        assertEquals(1, loss.filesCut());
    }

    @Test
    void anInPlaceOverwriteNotFsyncedRevertsToTheOldBytes() throws IOException {
        write(dir.resolve("page"), "AAAAAAAA", true);
        syncDirectory();
        try (FileChannel ch = FileChannel.open(dir.resolve("page"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("BBB".getBytes(StandardCharsets.UTF_8)), 2);
        }
        assertEquals("AABBBAAA", read("page"));
        powerLoss();
        assertEquals("AAAAAAAA", read("page"));
    }

    @Test
    void aCheckpointThatForgetsToFsyncLosesEverything() throws IOException {
        write(dir.resolve("checkpoint.tmp"), "serials=42", false);
        Files.move(dir.resolve("checkpoint.tmp"), dir.resolve("checkpoint"), StandardCopyOption.ATOMIC_MOVE);
        assertTrue(Files.exists(realDir.resolve("checkpoint")));
        powerLoss();
        assertFalse(Files.exists(realDir.resolve("checkpoint")), "the rename was never made durable");
        assertFalse(Files.exists(realDir.resolve("checkpoint.tmp")), "nor the creation");
    }

    @Test
    void aFileCreatedButNotInADurableDirectoryVanishesEvenIfFsynced() throws IOException {
        write(dir.resolve("new"), "data", true);
        powerLoss();
        assertFalse(Files.exists(realDir.resolve("new")));
    }

    @Test
    void anAtomicReplaceWithoutDirectoryFsyncBringsTheOldFileBack() throws IOException {
        write(dir.resolve("meta"), "old", true);
        syncDirectory();
        write(dir.resolve("meta.tmp"), "new", true);
        Files.move(dir.resolve("meta.tmp"), dir.resolve("meta"), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        assertEquals("new", read("meta"));
        powerLoss();
        assertEquals("old", read("meta"));
    }

    @Test
    void theSameReplaceWithDirectoryFsyncIsKept() throws IOException {
        write(dir.resolve("meta"), "old", true);
        syncDirectory();
        write(dir.resolve("meta.tmp"), "new", true);
        Files.move(dir.resolve("meta.tmp"), dir.resolve("meta"), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        final UndoJournal.Loss loss = powerLoss();
        assertEquals("new", read("meta"));
        assertEquals(0, loss.namesReverted());
        assertFalse(Files.exists(realDir.resolve("meta.tmp")));
    }

    @Test
    void unsyncedWritesFollowTheFileAcrossADurableRename() throws IOException {
        write(dir.resolve("a"), "12345678", true);
        syncDirectory();
        write(dir.resolve("a"), "x", false, StandardOpenOption.APPEND);
        Files.move(dir.resolve("a"), dir.resolve("b"));
        syncDirectory();
        powerLoss();
        assertEquals("12345678", read("b"), "the data loss applies to the file, whatever its name now");
    }

    @Test
    void aDeletionNotMadeDurableIsUndone() throws IOException {
        write(dir.resolve("old-log"), "records", true);
        syncDirectory();
        Files.delete(dir.resolve("old-log"));
        powerLoss();
        assertEquals("records", read("old-log"));
    }

    @Test
    void truncationNotFsyncedIsUndone() throws IOException {
        write(dir.resolve("log"), "0123456789", true);
        syncDirectory();
        try (FileChannel ch = FileChannel.open(dir.resolve("log"), StandardOpenOption.WRITE)) {
            ch.truncate(3);
        }
        powerLoss();
        assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(realDir.resolve("log")));
    }

    @Test
    void javaIoFileCannotBypassTheLayer() {
        assertThrows(UnsupportedOperationException.class, () -> dir.resolve("x").toFile());
    }

    @Test
    void directoryListingsAndGlobsSeeLossyPaths() throws IOException {
        write(dir.resolve("log-1.dat"), "a", true);
        write(dir.resolve("other"), "b", true);
        try (var stream = Files.newDirectoryStream(dir, "log-*.dat")) {
            final java.util.List<Path> found = new java.util.ArrayList<>();
            stream.forEach(found::add);
            assertEquals(1, found.size());
            assertEquals(fs, found.get(0).getFileSystem());
        }
    }
}
