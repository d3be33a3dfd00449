package io.jitskit.synth.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Designs and changes already ruled out, with their evidence (paper section 4.4), so the planner never proposes them
 * again. Kept as {@code whiteboard.md} for people; the loop rebuilds it from its own state on resume.
 */
public final class Whiteboard {

    /**
     * @param iteration when it was ruled out
     * @param key       the design's canonical key
     * @param design    the design in one line
     * @param change    the change that led to it
     * @param reason    why it is out
     * @param evidence  the figures
     */
    public record Entry(int iteration, String key, String design, String change, String reason, String evidence) { }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public void ruleOut(final Entry e) {
        entries.putIfAbsent(e.key(), e);
    }

    public boolean isRuledOut(final String key) {
        return entries.containsKey(key);
    }

    /**
     * Whether this very change ({@code knob: old -> new}) already led to a ruled-out design, from whichever design it
     * was made: a move that lost once is worth little from a neighbour that differs only in an unrelated knob.
     */
    public boolean ruledOutChange(final String change) {
        if (change.isEmpty()) {
            return false;
        }
        for (final Entry e : entries.values()) {
            if (change.equals(e.change())) {
                return true;
            }
        }
        return false;
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Writes {@code whiteboard.md}. */
    public void write(final Path file) throws IOException {
        final StringBuilder sb = new StringBuilder("# Whiteboard: ruled out\n\n");
        if (entries.isEmpty()) {
            sb.append("Nothing ruled out yet.\n");
        }
        for (final Entry e : entries.values()) {
            sb.append("- **iteration ").append(e.iteration()).append("**: ").append(e.design()).append('\n');
            if (!e.change().isEmpty()) {
                sb.append("  - change: ").append(e.change()).append('\n');
            }
            sb.append("  - why: ").append(e.reason()).append('\n');
            if (!e.evidence().isEmpty()) {
                sb.append("  - evidence: ").append(e.evidence()).append('\n');
            }
        }
        Files.writeString(file, sb);
    }
}
