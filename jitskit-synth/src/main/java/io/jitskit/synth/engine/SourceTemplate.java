package io.jitskit.synth.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java source template: near-Java text with {@code {{NAME}}} placeholders and line directives that keep or drop
 * blocks by design flags, so a template reads like the code it emits.
 *
 * <pre>
 * //#if SLAB                 keep the block when flag SLAB is set
 * //#if !SLAB                keep it when the flag is not set
 * //#if SLAB &amp;&amp; DURABLE      all flags set          (one operator per line: &amp;&amp; or ||)
 * //#if RMW || DELETE        any flag set
 * //#elif X / //#else / //#end
 * </pre>
 *
 * Directive lines never reach the output. A placeholder with no value, or an unbalanced directive, is an error naming
 * the template and line: a template bug must not become a silently wrong store.
 */
final class SourceTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    private final String name;
    private final String text;

    private SourceTemplate(final String name, final String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code templates/<name>} beside this class. */
    static SourceTemplate load(final String name) {
        final String path = "templates/" + name;
        try (InputStream in = SourceTemplate.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template " + path + " is missing from the jitskit-synth jar");
            }
            return new SourceTemplate(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("template " + path + " does not read", e);
        }
    }

    /** Renders with {@code vars} substituted and blocks kept by {@code flags}. */
    String render(final Map<String, String> vars, final Set<String> flags) {
        final StringBuilder out = new StringBuilder(text.length());
        // Per open block: whether its current branch is kept, and whether an earlier branch was already taken.
        final Deque<boolean[]> blocks = new ArrayDeque<>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i];
            final String trimmed = line.strip();
            final boolean outerKept = blocks.stream().allMatch(b -> b[0]);
            if (trimmed.startsWith("//#if ")) {
                final boolean parentKept = outerKept;
                final boolean cond = parentKept && evaluate(trimmed.substring(6), flags, i);
                blocks.push(new boolean[] {cond, cond, parentKept});
            } else if (trimmed.startsWith("//#elif ")) {
                final boolean[] b = top(blocks, i, "//#elif");
                final boolean cond = b[2] && !b[1] && evaluate(trimmed.substring(8), flags, i);
                b[0] = cond;
                b[1] |= cond;
            } else if (trimmed.equals("//#else")) {
                final boolean[] b = top(blocks, i, "//#else");
                b[0] = b[2] && !b[1];
                b[1] = true;
            } else if (trimmed.equals("//#end")) {
                top(blocks, i, "//#end");
                blocks.pop();
            } else if (trimmed.startsWith("//#")) {
                throw error(i, "unknown directive " + trimmed);
            } else if (outerKept) {
                out.append(substitute(line, vars, i));
                if (i < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        if (!blocks.isEmpty()) {
            throw error(lines.length - 1, blocks.size() + " //#if block(s) not closed by //#end");
        }
        return out.toString();
    }

    private boolean[] top(final Deque<boolean[]> blocks, final int line, final String directive) {
        if (blocks.isEmpty()) {
            throw error(line, directive + " without //#if");
        }
        return blocks.peek();
    }

    private boolean evaluate(final String expression, final Set<String> flags, final int line) {
        final String expr = expression.strip();
        if (expr.contains("&&") && expr.contains("||")) {
            throw error(line, "mixes && and ||; split the condition into nested blocks");
        }
        if (expr.contains("||")) {
            for (final String term : expr.split("\\|\\|")) {
                if (flag(term, flags, line)) {
                    return true;
                }
            }
            return false;
        }
        for (final String term : expr.split("&&")) {
            if (!flag(term, flags, line)) {
                return false;
            }
        }
        return true;
    }

    private boolean flag(final String term, final Set<String> flags, final int line) {
        final String t = term.strip();
        final boolean negated = t.startsWith("!");
        final String flag = negated ? t.substring(1).strip() : t;
        if (!flag.matches("[A-Z0-9_]+")) {
            throw error(line, "bad flag '" + t + "'");
        }
        return flags.contains(flag) != negated;
    }

    private String substitute(final String line, final Map<String, String> vars, final int lineIndex) {
        if (line.indexOf("{{") < 0) {
            return line;
        }
        final Matcher m = PLACEHOLDER.matcher(line);
        final StringBuilder sb = new StringBuilder();
        while (m.find()) {
            final String value = vars.get(m.group(1));
            if (value == null) {
                throw error(lineIndex, "no value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        if (sb.indexOf("{{") >= 0) {
            throw error(lineIndex, "malformed placeholder in: " + line.strip());
        }
        return sb.toString();
    }

    private IllegalStateException error(final int line, final String message) {
        return new IllegalStateException("template " + name + ":" + (line + 1) + ": " + message);
    }
}
