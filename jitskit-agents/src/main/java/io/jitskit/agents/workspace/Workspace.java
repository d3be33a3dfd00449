package io.jitskit.agents.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory a model may work in, and nothing outside it.
 *
 * <p>{@link #resolve} normalizes the requested path against the root (itself a real path, links resolved), refuses it
 * if the result does not start with the root, and then resolves the deepest part that exists through the file system
 * and refuses it if a symbolic link on the way leads out. Files are text (UTF-8), bounded in size.
 */
public final class Workspace {

    /** Java sources live under here, by package. */
    public static final String SOURCES = "src";

    static final int MAX_FILE_CHARS = 1 << 20;
    static final int MAX_LISTED = 500;

    private final Path root;

    public Workspace(final Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** The file {@code relative} names, if it is inside the workspace. */
    public Path resolve(final String relative) throws OutsideWorkspaceException {
        if (relative == null || relative.isBlank()) {
            throw new OutsideWorkspaceException(String.valueOf(relative), "empty path");
        }
        final Path asked;
        try {
            asked = Path.of(relative);
        } catch (final InvalidPathException e) {
            throw new OutsideWorkspaceException(relative, "not a valid path: " + e.getReason());
        }
        if (asked.isAbsolute() || relative.startsWith("~")) {
            throw new OutsideWorkspaceException(relative, "absolute paths are not allowed");
        }
        final Path p = root.resolve(asked).normalize();
        if (!p.startsWith(root)) {
            throw new OutsideWorkspaceException(relative, "it climbs out with ..");
        }
        Path existing = p;
        while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null && !existing.toRealPath().startsWith(root)) {
                throw new OutsideWorkspaceException(relative, "a symbolic link leads out");
            }
        } catch (final OutsideWorkspaceException e) {
            throw e;
        } catch (final IOException e) {
            // A dangling link: its target does not exist, so where it leads cannot be checked.
            throw new OutsideWorkspaceException(relative, "a symbolic link that cannot be resolved");
        }
        return p;
    }

    /** Every file under the workspace (or under {@code dir}), relative, sorted, with its size. */
    public List<String> list(final String dir) throws IOException {
        final Path base = dir == null || dir.isBlank() || ".".equals(dir) ? root : resolve(dir);
        if (!Files.isDirectory(base)) {
            throw new IOException("'" + dir + "' is not a directory in the workspace");
        }
        final List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (final Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (out.size() == MAX_LISTED) {
                    out.add("... (more files not listed)");
                    break;
                }
                out.add(root.relativize(f) + " (" + Files.size(f) + " bytes)");
            }
        }
        return out;
    }

    public String read(final String relative) throws IOException {
        final Path p = resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IOException("no file '" + relative + "' in the workspace; list_files shows what there is");
        }
        final String text = Files.readString(p, StandardCharsets.UTF_8);
        return text.length() <= MAX_FILE_CHARS ? text : text.substring(0, MAX_FILE_CHARS) + "\n... (truncated)";
    }

    public void write(final String relative, final String content) throws IOException {
        if (content.length() > MAX_FILE_CHARS) {
            throw new IOException("'" + relative + "' would be " + content.length() + " chars; the limit is "
                + MAX_FILE_CHARS + ": split it");
        }
        final Path p = resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    /** Replaces the one occurrence of {@code oldText}; zero or several occurrences are an error the model can fix. */
    public void edit(final String relative, final String oldText, final String newText) throws IOException {
        final String text = read(relative);
        if (oldText.isEmpty()) {
            throw new IOException("old_string is empty; give the exact text to replace");
        }
        final int at = text.indexOf(oldText);
        if (at < 0) {
            throw new IOException("old_string not found in '" + relative + "'; read_file it and copy the text "
                + "exactly, whitespace included");
        }
        if (text.indexOf(oldText, at + 1) >= 0) {
            throw new IOException("old_string occurs more than once in '" + relative + "'; include more "
                + "surrounding lines so it is unique");
        }
        write(relative, text.substring(0, at) + newText + text.substring(at + oldText.length()));
    }

    /** The {@code .java} files under {@link #SOURCES}, keyed by their path below it. */
    public Map<String, String> javaSources() throws IOException {
        final Map<String, String> sources = new TreeMap<>();
        final Path src = root.resolve(SOURCES);
        if (!Files.isDirectory(src)) {
            return sources;
        }
        try (Stream<Path> walk = Files.walk(src)) {
            for (final Path f : walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".java")).toList()) {
                sources.put(src.relativize(f).toString().replace('\\', '/'),
                    Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return sources;
    }

    /** Writes {@code sources} (keyed as {@link #javaSources} keys them) under {@link #SOURCES}. */
    public void seed(final Map<String, String> sources) throws IOException {
        for (final Map.Entry<String, String> e : sources.entrySet()) {
            write(SOURCES + "/" + e.getKey(), e.getValue());
        }
    }
}
