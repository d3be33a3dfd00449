package io.jitskit.spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a parsed spec was written: dotted field path to file and line.
 *
 * <p>The records of the model carry no positions (they are also built in code), so the parser leaves this map
 * beside them for {@link SpecValidator}, whose cross-card errors must still point at a line. A field that was not
 * written (a default) is located at its nearest written ancestor: an error about a defaulted {@code
 * requirements.durability} points at the {@code requirements:} line.
 */
final class SourceMap {

    /** A place in a card file; {@code line} is 1-based, 0 when unknown. */
    record Location(Path file, int line) { }

    private final Map<String, Location> locations = new HashMap<>();
    private final Path rootFile;

    SourceMap(final Path rootFile) {
        this.rootFile = rootFile;
    }

    /** A map for a spec built in code: every field is located at the spec's file, line unknown. */
    static SourceMap unknown(final Path file) {
        return new SourceMap(file);
    }

    void record(final String path, final Path file, final int line) {
        locations.putIfAbsent(path, new Location(file, line));
    }

    /** Whether the card itself wrote {@code path} (as opposed to a default filling it in). */
    boolean written(final String path) {
        return locations.containsKey(path);
    }

    Location locate(final String path) {
        String p = path;
        while (true) {
            final Location at = locations.get(p);
            if (at != null) {
                return at;
            }
            final int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (dot < 0) {
                return new Location(rootFile, 0);
            }
            p = p.substring(0, dot);
        }
    }

    /** An error about {@code path}, placed where the card wrote it. */
    SpecException error(final String path, final String problem, final String fix) {
        final Location at = locate(path);
        return new SpecException(at.file(), at.line(), path, problem, fix);
    }

    /**
     * Where {@code path} is, for a cross-reference inside an error about {@code fromPath}: " (line 18)" in the same
     * file, " (cards/req.yaml:3)" in another, empty when unknown or not written.
     */
    String lineNote(final String path, final String fromPath) {
        final Location at = locations.get(path);
        if (at == null || at.line() == 0) {
            return "";
        }
        final Path from = locate(fromPath).file();
        final boolean sameFile = at.file() == null ? from == null : at.file().equals(from);
        return sameFile ? " (line " + at.line() + ")" : " (" + at.file() + ":" + at.line() + ")";
    }
}
