package io.jitskit.testsupport;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Per-session counters shared between the drill's child and parent through a memory-mapped file: the serial each
 * session is about to issue, and the last serial the store acknowledged. The page cache keeps a shared mapping's
 * writes when the child is killed, so after a SIGKILL the parent reads an exact upper bound on what was issued and a
 * lower bound on what was acknowledged.
 *
 * <pre>
 *   per session, one 64-byte line (so two sessions never share a cache line):
 *     offset 0  issued    serial of the operation in flight or last done
 *     offset 8  acked     serial of the last operation the store returned from
 *   then one more line, written by the parent:
 *     offset 0  quiesce   non-zero: sessions issue nothing more
 * </pre>
 */
final class DrillScoreboard implements Closeable {

    private static final long LINE_BYTES = 64;
    private static final long ISSUED_OFFSET = 0;
    private static final long ACKED_OFFSET = 8;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena;
    private final MemorySegment lines;
    private final int sessions;

    private DrillScoreboard(final Arena arena, final MemorySegment lines, final int sessions) {
        this.arena = arena;
        this.lines = lines;
        this.sessions = sessions;
    }

    /** Maps {@code file}, creating it zeroed when absent. */
    static DrillScoreboard map(final Path file, final int sessions) throws IOException {
        final Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            final MemorySegment lines = channel.map(FileChannel.MapMode.READ_WRITE, 0, (sessions + 1) * LINE_BYTES,
                arena);
            return new DrillScoreboard(arena, lines, sessions);
        } catch (final IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    int sessions() {
        return sessions;
    }

    /** Called before the store sees operation {@code serial}: release, so it is ordered before the operation. */
    void issuing(final int session, final long serial) {
        LONG.setRelease(lines, session * LINE_BYTES + ISSUED_OFFSET, serial);
    }

    /** Called after the store returned from operation {@code serial}. */
    void acknowledged(final int session, final long serial) {
        LONG.setRelease(lines, session * LINE_BYTES + ACKED_OFFSET, serial);
    }

    /** Pairs with the release in {@link #issuing}; after the child's death any mode would do. */
    long issued(final int session) {
        return (long) LONG.getAcquire(lines, session * LINE_BYTES + ISSUED_OFFSET);
    }

    /** Pairs with the release in {@link #acknowledged}. */
    long acknowledged(final int session) {
        return (long) LONG.getAcquire(lines, session * LINE_BYTES + ACKED_OFFSET);
    }

    /** Asks the child's sessions to stop issuing operations. Release: pairs with {@link #quiesced}. */
    void quiesce() {
        LONG.setRelease(lines, sessions * LINE_BYTES, 1L);
    }

    /** Whether the parent asked the sessions to stop. Checked by each session before each operation. */
    boolean quiesced() {
        return (long) LONG.getAcquire(lines, sessions * LINE_BYTES) != 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}
