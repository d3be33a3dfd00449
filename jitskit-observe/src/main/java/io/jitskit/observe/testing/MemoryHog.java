package io.jitskit.observe.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A process that grows one kind of memory by a given amount, says so, and holds it until told to end: the test
 * double of a store that overgrows its budget, launched as a child JVM.
 *
 * <pre>
 *   java -cp &lt;jitskit-observe classes&gt; io.jitskit.observe.testing.MemoryHog &lt;kind&gt; &lt;MiB&gt; [directory]
 *
 *   heap       byte arrays on the Java heap           (give -Xmx above MiB)
 *   direct     ByteBuffer.allocateDirect              (give -XX:MaxDirectMemorySize above MiB)
 *   native     Arena.global().allocate
 *   pagecache  a file written in directory and read back through read(2): page cache, not process memory
 *   mapped     a file in directory, mapped shared and written through the mapping: page cache mapped by the process
 * </pre>
 *
 * Every page grown is written (a non-zero byte per page) so that it is resident, not merely reserved. When done the
 * hog prints {@code READY <kind> <MiB>} on standard output and then blocks reading standard input: it ends when the
 * input reaches end of file (the parent closed it, or died) or after {@link #MAX_LIFETIME_MILLIS}, whichever comes
 * first, so an abandoned hog does not linger.
 */
public final class MemoryHog {

    /** The line printed once the memory is grown and resident. */
    public static final String READY = "READY";

    /** An abandoned hog ends after ten minutes. */
    public static final long MAX_LIFETIME_MILLIS = 600_000;

    /** The file the page-cache kinds write in their directory. */
    public static final String FILE_NAME = "memory-hog.dat";

    private static final int MIB = 1 << 20;
    private static final int PAGE = 4096;

    /** Kinds of memory a hog can grow. */
    public enum Kind { HEAP, DIRECT, NATIVE, PAGECACHE, MAPPED }

    private MemoryHog() {
    }

    /**
     * The command line of a hog in a child JVM: the running JVM's {@code java}, a heap and direct-memory limit with
     * room for {@code mebibytes}, a small serial-collected heap (so that the child's own footprint stays a few tens
     * of MiB), and this JVM's class path, which holds this class.
     *
     * @param directory where the page-cache kinds write their file; ignored (may be {@code null}) by the others
     */
    public static List<String> command(final Kind kind, final int mebibytes, final Path directory) {
        final String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final int limit = 2 * mebibytes + 64;
        final List<String> command = new ArrayList<>(List.of(java,
            "-Xms8m", "-Xmx" + limit + "m", "-XX:MaxDirectMemorySize=" + limit + "m",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            MemoryHog.class.getName(), kind.name().toLowerCase(Locale.ROOT), Integer.toString(mebibytes)));
        if (kind == Kind.PAGECACHE || kind == Kind.MAPPED) {
            command.add(directory.toString());
        }
        return command;
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            usage("expected <kind> <MiB> [directory], got " + args.length + " arguments");
        }
        final Kind kind = kind(args[0]);
        final int mebibytes = mebibytes(args[1]);
        final boolean needsDirectory = kind == Kind.PAGECACHE || kind == Kind.MAPPED;
        if (needsDirectory != (args.length == 3)) {
            usage(needsDirectory ? "kind " + args[0] + " needs a directory" : "kind " + args[0] + " takes no directory");
        }
        final Object held = switch (kind) {
            case HEAP -> growHeap(mebibytes);
            case DIRECT -> growDirect(mebibytes);
            case NATIVE -> growNative(mebibytes);
            case PAGECACHE -> growPageCache(Path.of(args[2]).resolve(FILE_NAME), mebibytes);
            case MAPPED -> growMapped(Path.of(args[2]).resolve(FILE_NAME), mebibytes);
        };
        System.out.println(READY + " " + kind.name().toLowerCase(Locale.ROOT) + " " + mebibytes);
        System.out.flush();
        holdUntilInputEnds();
        // Reachable until here, so that no collector or cleaner gives the memory back while the parent measures.
        System.out.println("released " + held.getClass().getSimpleName());
    }

    private static List<byte[]> growHeap(final int mebibytes) {
        final List<byte[]> chunks = new ArrayList<>(mebibytes);
        for (int i = 0; i < mebibytes; i++) {
            final byte[] chunk = new byte[MIB];
            for (int page = 0; page < MIB; page += PAGE) {
                chunk[page] = 1;
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private static List<ByteBuffer> growDirect(final int mebibytes) {
        final List<ByteBuffer> chunks = new ArrayList<>(mebibytes);
        for (int i = 0; i < mebibytes; i++) {
            final ByteBuffer chunk = ByteBuffer.allocateDirect(MIB);
            for (int page = 0; page < MIB; page += PAGE) {
                chunk.put(page, (byte) 1);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private static MemorySegment growNative(final int mebibytes) {
        final MemorySegment segment = Arena.global().allocate((long) mebibytes * MIB, PAGE);
        for (long page = 0; page < segment.byteSize(); page += PAGE) {
            segment.set(ValueLayout.JAVA_BYTE, page, (byte) 1);
        }
        return segment;
    }

    private static Path growPageCache(final Path file, final int mebibytes) throws IOException {
        final ByteBuffer chunk = ByteBuffer.allocate(MIB);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < mebibytes; i++) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            channel.force(true);
            // Read back through the cache: the pages stay cached, the process keeps only one heap buffer.
            for (long position = 0; position < channel.size(); ) {
                chunk.clear();
                position += Math.max(0, channel.read(chunk, position));
            }
        }
        return file;
    }

    private static MemorySegment growMapped(final Path file, final int mebibytes) throws IOException {
        final long bytes = (long) mebibytes * MIB;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
            final MemorySegment mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes, Arena.global());
            for (long page = 0; page < bytes; page += PAGE) {
                mapping.set(ValueLayout.JAVA_BYTE, page, (byte) 1);
            }
            // The mapping outlives the channel: closing a descriptor does not unmap.
            return mapping;
        }
    }

    private static void holdUntilInputEnds() throws IOException, InterruptedException {
        final Thread watchdog = Thread.ofPlatform().daemon().name("memory-hog-lifetime").start(() -> {
            try {
                Thread.sleep(MAX_LIFETIME_MILLIS);
            } catch (final InterruptedException e) {
                return;
            }
            System.exit(3);
        });
        while (System.in.read() >= 0) {
            // Drain whatever the parent writes; only end of file matters.
        }
        watchdog.interrupt();
        watchdog.join();
    }

    private static Kind kind(final String name) {
        try {
            return Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            usage("unknown kind '" + name + "'");
            throw new AssertionError("usage exits");
        }
    }

    private static int mebibytes(final String text) {
        try {
            final int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // Reported below, with the usage.
        }
        usage("MiB '" + text + "' is not a non-negative whole number");
        throw new AssertionError("usage exits");
    }

    private static void usage(final String problem) {
        final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        err.println("MemoryHog: " + problem);
        err.println("usage: MemoryHog <heap|direct|native|pagecache|mapped> <MiB> [directory]");
        System.exit(2);
    }
}
