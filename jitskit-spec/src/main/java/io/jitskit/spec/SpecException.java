package io.jitskit.spec;

import java.nio.file.Path;

/**
 * A spec card that cannot be used. The message is one line: {@code file:line: field: problem; fix}.
 */
public final class SpecException extends Exception {

    private final transient Path file;
    private final int line;
    private final String field;

    public SpecException(final Path file, final int line, final String field, final String problem, final String fix) {
        super(format(file, line, field, problem, fix));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String format(final Path file, final int line, final String field, final String problem,
                                 final String fix) {
        final StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<spec>" : file.toString());
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        sb.append(problem);
        if (fix != null && !fix.isEmpty()) {
            sb.append("; ").append(fix);
        }
        return sb.toString();
    }

    /** The offending file, or {@code null}. */
    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Dotted path of the offending field, e.g. {@code workload.mix.rmw}. */
    public String field() {
        return field;
    }
}
