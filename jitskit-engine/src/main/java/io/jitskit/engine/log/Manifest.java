package io.jitskit.engine.log;

import io.jitskit.engine.runtime.CheckedLines;
import io.jitskit.engine.runtime.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of the last completed checkpoint, the one file a recovery starts from: its id (naming the index
 * snapshot {@code index-<id>.dat}), the index's claimed-slot count, each log's cut and each session's serial.
 *
 * <pre>
 * jitskit-log-store 1
 * checkpoint &lt;id&gt;
 * claimed &lt;slots&gt;
 * log &lt;log id&gt; &lt;cut&gt;            one per log
 * session &lt;session id&gt; &lt;serial&gt;  one per session
 * crc &lt;CRC32C of the lines above&gt;
 * </pre>
 *
 * Written through {@link CheckedLines} (to {@code MANIFEST.tmp}, synced, renamed over {@code MANIFEST}, the directory
 * synced: {@link DurableFiles#replace}): a reader finds the previous manifest or this one, whole.
 *
 * @param id      the checkpoint's id
 * @param claimed index slots claimed at the checkpoint
 * @param cuts    log id to cut: every record below it is durable and belongs to the checkpoint
 * @param serials session id to the serial of its last operation the checkpoint holds
 */
record Manifest(long id, long claimed, Map<Integer, Long> cuts, Map<Integer, Long> serials) {

    static final String NAME = "MANIFEST";
    static final String MAGIC = "jitskit-log-store 1";

    Manifest {
        cuts = Collections.unmodifiableMap(new LinkedHashMap<>(cuts));
        serials = Collections.unmodifiableMap(new LinkedHashMap<>(serials));
    }

    static boolean existsIn(final Path dir) {
        return Files.exists(dir.resolve(NAME));
    }

    /** Replaces the manifest in {@code dir} with this one, atomically and durably. */
    void write(final Path dir) throws IOException {
        final List<String> lines = new ArrayList<>();
        lines.add(MAGIC);
        lines.add("checkpoint " + id);
        lines.add("claimed " + claimed);
        cuts.forEach((log, cut) -> lines.add("log " + log + " " + cut));
        serials.forEach((session, serial) -> lines.add("session " + session + " " + serial));
        CheckedLines.replace(dir, NAME, lines);
    }

    /**
     * The manifest in {@code dir}.
     *
     * @throws IOException naming the file and line when it is not a whole manifest of this store
     */
    static Manifest read(final Path dir) throws IOException {
        final Path path = dir.resolve(NAME);
        final List<String> lines = CheckedLines.read(path, MAGIC);
        long id = -1;
        long claimed = 0;
        final Map<Integer, Long> cuts = new LinkedHashMap<>();
        final Map<Integer, Long> serials = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            final String line = lines.get(i);
            final String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "checkpoint" -> id = Long.parseLong(f[1]);
                    case "claimed" -> claimed = Long.parseLong(f[1]);
                    case "log" -> cuts.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
                    case "session" -> serials.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
                    default -> throw new IOException(path + ":" + (i + 1) + ": unknown line " + line);
                }
            } catch (final NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(path + ":" + (i + 1) + ": malformed line " + line, e);
            }
        }
        if (id < 0) {
            throw new IOException(path + ": no checkpoint line; restore the directory or delete it to start empty");
        }
        return new Manifest(id, claimed, cuts, serials);
    }
}
