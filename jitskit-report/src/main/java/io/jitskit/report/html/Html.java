package io.jitskit.report.html;

/**
 * A small HTML builder: escapes every text it is given, closes what it opens. The output is also well-formed XML,
 * which the tests rely on to parse reports.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Escapes text for element content and attribute values. */
    static String escape(final String s) {
        if (s == null) {
            return "";
        }
        final StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0 documents; drop them rather than break the page.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Appends markup that is already safe (built here or by the chart renderer). */
    Html raw(final String markup) {
        out.append(markup);
        return this;
    }

    Html text(final String s) {
        out.append(escape(s));
        return this;
    }

    /** {@code <tag class="cls">text</tag>}; a null class is left out. */
    Html element(final String tag, final String cls, final String text) {
        open(tag, cls);
        text(text);
        return close(tag);
    }

    Html open(final String tag, final String cls) {
        out.append('<').append(tag);
        if (cls != null) {
            out.append(" class=\"").append(escape(cls)).append('"');
        }
        out.append('>');
        return this;
    }

    Html close(final String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** A table row of text cells ({@code th} or {@code td}); a cell's class may be given as "class|text". */
    Html row(final String cellTag, final String... cells) {
        out.append("<tr>");
        for (final String cell : cells) {
            final int bar = cell.indexOf('|');
            if (bar > 0 && cell.substring(0, bar).matches("[a-z0-9 -]+")) {
                element(cellTag, cell.substring(0, bar), cell.substring(bar + 1));
            } else {
                element(cellTag, null, cell);
            }
        }
        out.append("</tr>\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
