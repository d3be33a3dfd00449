package io.jitskit.workload.trace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trace row that cannot be replayed, or a trace file that cannot be read at all. The message is one line:
 * {@code file:line: problem; fix}.
 */
public final class MalformedTraceException extends IOException {

    /** The fix for a bad row: it can be skipped instead. */
    static final String SKIP_FIX = "fix the row, or set skip-malformed: true in the trace card to count and skip "
        + "such rows";

    private final transient Path file;
    private final long location;

    MalformedTraceException(final Path file, final String where, final long location, final String problem,
                            final String fix) {
        super(file + ":" + where + ": " + problem + "; " + fix);
        this.file = file;
        this.location = location;
    }

    /** The trace file. */
    public Path file() {
        return file;
    }

    /** 1-based line of a text trace, 0-based record index of a binary one, or 0 for a whole-file problem. */
    public long location() {
        return location;
    }
}
