package io.jitskit.spec;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One field of a card file as SnakeYAML composed it, with its dotted path and the line that names it.
 *
 * <p>The parser reads cards through this class only, so every value it takes has a position for its errors, and
 * every field it visits is recorded in the {@link SourceMap} for the validator. Scalars are read as text and
 * interpreted here, not by YAML's own type resolution: {@code no} is not a boolean, {@code 010} is not octal, and
 * {@code 10M} is a count, so one unit grammar ({@link Units}) governs every card.
 */
final class YamlField {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9][0-9_]*");

    private final Path file;
    private final String path;
    private final Node node;
    private final int line;
    private final SourceMap sources;

    private YamlField(final Path file, final String path, final Node node, final int line, final SourceMap sources) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.line = line;
        this.sources = sources;
        sources.record(path, file, line);
    }

    /**
     * Composes {@code yaml} (the text of {@code file}) into the field {@code path}; {@code path} is empty for a spec
     * file and names the card for a card file included by reference.
     */
    static YamlField compose(final String yaml, final Path file, final String path, final SourceMap sources)
        throws SpecException {
        final Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (final MarkedYAMLException e) {
            final Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            final String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new SpecException(file, mark == null ? 0 : mark.getLine() + 1, path,
                "not valid YAML: " + oneLine(problem), "fix the YAML syntax at this line");
        } catch (final YAMLException e) {
            throw new SpecException(file, 0, path, "not valid YAML: " + oneLine(e.getMessage()),
                "fix the YAML syntax");
        }
        if (root == null) {
            throw new SpecException(file, 0, path, "the file holds no YAML document",
                "write the card as a YAML mapping");
        }
        return new YamlField(file, path, root, lineOf(root), sources);
    }

    Path file() {
        return file;
    }

    String path() {
        return path;
    }

    /** 1-based line where the field is named (its key), or where its value starts for a list item or a file. */
    int line() {
        return line;
    }

    SourceMap sources() {
        return sources;
    }

    SpecException error(final String problem, final String fix) {
        return new SpecException(file, line, path, problem, fix);
    }

    /* ---- shapes ---- */

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** Whether this is a mapping that names {@code key}, looked at without checking or recording anything. */
    boolean mentions(final String key) {
        if (node instanceof final MappingNode mapping) {
            for (final NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof final ScalarNode k && k.getValue().equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The scalar's text; {@code what} completes "expected ...", e.g. "a size such as 4GiB". */
    String text(final String what) throws SpecException {
        if (node instanceof final ScalarNode scalar) {
            final String value = scalar.getValue().strip();
            if (value.isEmpty()) {
                throw error("has no value", "give " + what);
            }
            return value;
        }
        throw error("expected " + what + ", found " + shapeOf(node), "write " + what);
    }

    /** The mapping's fields, rejecting keys outside {@code allowed} and keys given twice. */
    Mapping mapping(final String what, final List<String> allowed) throws SpecException {
        if (!(node instanceof final MappingNode mapping)) {
            throw error("expected " + what + ", found " + shapeOf(node), "write " + what);
        }
        final Map<String, YamlField> fields = new LinkedHashMap<>();
        for (final NodeTuple tuple : mapping.getValue()) {
            final Node keyNode = tuple.getKeyNode();
            final int keyLine = lineOf(keyNode);
            if (!(keyNode instanceof final ScalarNode keyScalar)) {
                throw new SpecException(file, keyLine, path, "a field name must be a plain word, found "
                    + shapeOf(keyNode), "use one of: " + String.join(", ", allowed));
            }
            final String key = keyScalar.getValue();
            final String childPath = child(key);
            if (!allowed.contains(key)) {
                throw new SpecException(file, keyLine, childPath, "unknown field", suggest(key, allowed));
            }
            final YamlField previous = fields.get(key);
            if (previous != null) {
                throw new SpecException(file, keyLine, childPath,
                    "given twice (first on line " + previous.line + ")", "keep one");
            }
            fields.put(key, new YamlField(file, childPath, tuple.getValueNode(), keyLine, sources));
        }
        return new Mapping(this, fields);
    }

    /** The sequence's items, each a field named {@code path[i]}. */
    List<YamlField> list(final String what) throws SpecException {
        if (!(node instanceof final SequenceNode sequence)) {
            throw error("expected " + what + ", found " + shapeOf(node), "write " + what);
        }
        final List<YamlField> items = new ArrayList<>(sequence.getValue().size());
        for (final Node item : sequence.getValue()) {
            items.add(new YamlField(file, path + "[" + items.size() + "]", item, lineOf(item), sources));
        }
        return items;
    }

    /**
     * A choice among {@code words}: either the bare word ({@code uniform}) or a mapping of exactly one word to its
     * argument ({@code {zipfian: 0.99}}).
     */
    Variant variant(final String what, final List<String> words) throws SpecException {
        final String fix = "use one of: " + String.join(", ", words);
        if (node instanceof final ScalarNode scalar) {
            final String word = scalar.getValue().strip();
            if (!words.contains(word)) {
                throw error(word.isEmpty() ? "has no value" : "unknown " + what + " '" + word + "'", fix);
            }
            return new Variant(word, null, this);
        }
        if (node instanceof final MappingNode mapping && mapping.getValue().size() == 1) {
            final Mapping single = mapping(what, words);
            final String word = single.fields.keySet().iterator().next();
            return new Variant(word, single.fields.get(word), this);
        }
        throw error("expected one " + what + ", found " + shapeOf(node), fix);
    }

    /* ---- typed scalars ---- */

    boolean bool() throws SpecException {
        final String text = text("true or false");
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error("'" + text + "' is not a boolean", "write true or false");
        };
    }

    /** A non-negative count such as {@code 10M}. */
    long count() throws SpecException {
        final String text = text("a count");
        final Long count = Units.parseCount(text);
        if (count == null) {
            throw error(text.startsWith("-") ? "must not be negative, was " + text : "'" + text + "' is not a count",
                "write " + Units.COUNT_FORMS);
        }
        return count;
    }

    /** A plain non-negative integer (no suffix), at most {@code max}. */
    long integer(final long max) throws SpecException {
        final String text = text("an integer");
        if (!INTEGER.matcher(text).matches()) {
            throw error("'" + text + "' is not an integer", "write a whole number such as 2");
        }
        final Long value = Units.parseCount(text.startsWith("-") ? text.substring(1) : text);
        if (value == null || text.startsWith("-")) {
            throw error("must be between 0 and " + max + ", was " + text, "write a number in that range");
        }
        if (value > max) {
            throw error("must be at most " + max + ", was " + text, "write a number in that range");
        }
        return value;
    }

    /** A size in bytes such as {@code 4GiB}. */
    long size() throws SpecException {
        final String text = text("a size");
        final Long size = Units.parseSize(text);
        if (size != null) {
            return size;
        }
        if (text.startsWith("-")) {
            throw error("must not be negative, was " + text, "write " + Units.SIZE_FORMS);
        }
        if (Units.isDecimalSizeUnit(text)) {
            throw error("'" + text + "' uses a decimal unit, which is ambiguous",
                "write KiB/MiB/GiB/TiB (powers of 1024) or plain bytes");
        }
        throw error("'" + text + "' is not a size", "write " + Units.SIZE_FORMS);
    }

    /** A positive size that fits an {@code int}, as value and key sizes must. */
    int sizeInt() throws SpecException {
        final long size = size();
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw error("must be between 1 byte and 2GiB, was " + text("a size"), "write a size in that range");
        }
        return (int) size;
    }

    /** A positive duration such as {@code 30s}. */
    Duration duration() throws SpecException {
        final String text = text("a duration");
        final Duration d = Units.parseDuration(text);
        if (d != null && !d.isZero()) {
            return d;
        }
        final boolean nonPositive = (d != null && d.isZero()) || text.startsWith("-");
        throw error(nonPositive ? "must be positive, was " + text : "'" + text + "' is not a duration",
            "write " + Units.DURATION_FORMS);
    }

    /** A finite decimal number. */
    double number() throws SpecException {
        final String text = text("a number");
        if (!DECIMAL.matcher(text).matches()) {
            throw error("'" + text + "' is not a number", "write a decimal number such as 0.5");
        }
        return Double.parseDouble(text);
    }

    /** A number in {@code [low, high)} or {@code (low, high)} as the bounds say, described for the fix. */
    double numberIn(final double low, final boolean lowInclusive, final double high, final boolean highInclusive)
        throws SpecException {
        final double v = number();
        final boolean aboveLow = lowInclusive ? v >= low : v > low;
        final boolean belowHigh = highInclusive ? v <= high : v < high;
        if (!aboveLow || !belowHigh) {
            final String range = (lowInclusive ? "[" : "(") + plain(low) + ", " + plain(high)
                + (highInclusive ? "]" : ")");
            throw error("must be in " + range + ", was " + text("a number"), "write a number in " + range);
        }
        return v;
    }

    /* ---- helpers ---- */

    private String child(final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int lineOf(final Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static String shapeOf(final Node n) {
        if (n instanceof final ScalarNode s) {
            return s.getValue().isEmpty() ? "nothing" : "'" + s.getValue() + "'";
        }
        return n instanceof MappingNode ? "a mapping" : "a list";
    }

    private static String oneLine(final String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static String plain(final double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** "did you mean X? allowed here: ..." when a close name exists, else just the allowed list. */
    private static String suggest(final String given, final List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : allowed) {
            final int d = editDistance(given.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        final String list = "allowed here: " + String.join(", ", allowed);
        return best != null && bestDistance <= Math.max(2, given.length() / 3)
            ? "did you mean " + best + "? " + list : list;
    }

    private static int editDistance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The fields of a mapping, in the order written. */
    static final class Mapping {
        private final YamlField owner;
        private final Map<String, YamlField> fields;

        private Mapping(final YamlField owner, final Map<String, YamlField> fields) {
            this.owner = owner;
            this.fields = Collections.unmodifiableMap(fields);
        }

        /** The mapping itself, for errors about it as a whole. */
        YamlField owner() {
            return owner;
        }

        boolean has(final String key) {
            return fields.containsKey(key);
        }

        /** The field, or {@code null} when not written. */
        YamlField get(final String key) {
            return fields.get(key);
        }

        YamlField require(final String key, final String fix) throws SpecException {
            final YamlField f = fields.get(key);
            if (f == null) {
                throw new SpecException(owner.file, owner.line, owner.child(key), "is missing", fix);
            }
            return f;
        }

        Map<String, YamlField> fields() {
            return fields;
        }
    }

    /**
     * A chosen word and its argument ({@code null} for a bare word).
     *
     * @param word     the word, e.g. {@code zipfian}
     * @param argument what follows the word in {@code {word: argument}}, or {@code null}
     * @param at       the field holding the choice
     */
    record Variant(String word, YamlField argument, YamlField at) {

        YamlField requireArgument(final String form) throws SpecException {
            if (argument == null) {
                throw at.error(word + " needs an argument", "write {" + word + ": " + form + "}");
            }
            return argument;
        }

        void requireBare() throws SpecException {
            if (argument != null) {
                throw argument.error(word + " takes no argument", "write just " + word);
            }
        }
    }
}
