package io.jitskit.report.html;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough markdown for design briefs and whiteboards: {@code #} headings, {@code -}/{@code *}/numbered lists,
 * fenced code blocks, paragraphs, {@code `code`} and {@code **bold**}. Everything else shows as written; all text is
 * escaped first, so markdown can never inject markup.
 */
final class Markdown {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(.*)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");

    private Markdown() {
    }

    static String toHtml(final String markdown) {
        final StringBuilder out = new StringBuilder();
        final StringBuilder paragraph = new StringBuilder();
        boolean inList = false;
        boolean inCode = false;
        for (final String line : markdown.split("\r?\n", -1)) {
            if (line.strip().startsWith("```")) {
                flush(out, paragraph);
                if (inList) {
                    out.append("</ul>\n");
                    inList = false;
                }
                out.append(inCode ? "</pre>\n" : "<pre class=\"code\">");
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                out.append(Html.escape(line)).append('\n');
                continue;
            }
            final Matcher h = HEADING.matcher(line);
            final Matcher li = BULLET.matcher(line);
            if (h.matches()) {
                flush(out, paragraph);
                if (inList) {
                    out.append("</ul>\n");
                    inList = false;
                }
                // Document headings are h1/h2; markdown inside a section starts at h3.
                final int level = Math.min(6, h.group(1).length() + 2);
                out.append("<h").append(level).append('>').append(inline(h.group(2))).append("</h").append(level)
                    .append(">\n");
            } else if (li.matches()) {
                flush(out, paragraph);
                if (!inList) {
                    out.append("<ul>\n");
                    inList = true;
                }
                out.append("<li>").append(inline(li.group(1))).append("</li>\n");
            } else if (line.isBlank()) {
                flush(out, paragraph);
                if (inList) {
                    out.append("</ul>\n");
                    inList = false;
                }
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        flush(out, paragraph);
        if (inList) {
            out.append("</ul>\n");
        }
        if (inCode) {
            out.append("</pre>\n");
        }
        return out.toString();
    }

    private static void flush(final StringBuilder out, final StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(inline(paragraph.toString())).append("</p>\n");
            paragraph.setLength(0);
        }
    }

    /** Escapes, then marks up code spans and bold; the patterns match escaped text, which keeps backticks and stars. */
    private static String inline(final String text) {
        String s = Html.escape(text);
        s = CODE.matcher(s).replaceAll("<code>$1</code>");
        return BOLD.matcher(s).replaceAll("<strong>$1</strong>");
    }
}
