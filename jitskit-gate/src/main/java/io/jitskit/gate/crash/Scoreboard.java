package io.jitskit.gate.crash;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Per-session serials shared by the crash writer and the gate through a memory-mapped file outside the store's data
 * directory. A shared mapping's stores reach the page cache even when the writer dies of SIGKILL, so afterwards the
 * gate reads an exact upper bound on what each session issued and a lower bound on what the store acknowledged.
 *
 * <pre>
 *   per session, one 64-byte line (no two sessions share a cache line):
 *     offset 0  issued   serial of the operation in flight, or of the last one done
 *     offset 8  acked    serial of the last operation the store returned from
 * </pre>
 */
public final class Scoreboard implements AutoCloseable {

    private static final long LINE_BYTES = 64;
    private static final long ISSUED = 0;
    private static final long ACKED = 8;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena;
    private final MemorySegment lines;

    private Scoreboard(final Arena arena, final MemorySegment lines) {
        this.arena = arena;
        this.lines = lines;
    }

    /** Maps {@code file} (created zeroed when absent) for {@code sessions} sessions. */
    public static Scoreboard map(final Path file, final int sessions) throws IOException {
        final Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            return new Scoreboard(arena, channel.map(FileChannel.MapMode.READ_WRITE, 0, sessions * LINE_BYTES, arena));
        } catch (final IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Before the store sees operation {@code serial}: a release store, ordered before the operation's effects. */
    public void issuing(final int session, final long serial) {
        LONG.setRelease(lines, session * LINE_BYTES + ISSUED, serial);
    }

    /** After the store returned from operation {@code serial}. */
    public void acknowledged(final int session, final long serial) {
        LONG.setRelease(lines, session * LINE_BYTES + ACKED, serial);
    }

    /** Pairs with {@link #issuing}'s release. */
    public long issued(final int session) {
        return (long) LONG.getAcquire(lines, session * LINE_BYTES + ISSUED);
    }

    /** Pairs with {@link #acknowledged}'s release. */
    public long acked(final int session) {
        return (long) LONG.getAcquire(lines, session * LINE_BYTES + ACKED);
    }

    @Override
    public void close() {
        arena.close();
    }
}
