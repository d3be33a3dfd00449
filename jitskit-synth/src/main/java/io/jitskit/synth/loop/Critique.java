package io.jitskit.synth.loop;

import java.util.List;

/**
 * The critic's reading of one evaluation.
 *
 * @param diagnosis  a cause, in words ("working set exceeds the cache"), not a table of counters
 * @param directives where to go next, strongest first
 * @param ruleOut    whether the design goes on the whiteboard as ruled out
 * @param evidence   the figures behind the diagnosis
 */
public record Critique(String diagnosis, List<Directive> directives, boolean ruleOut, String evidence) {

    public Critique {
        directives = List.copyOf(directives);
    }
}
