package io.jitskit.synth.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The critic's running memo to the planner (paper section 4.4): the current design, the decisions that built it, and
 * the next steps. Rewritten every round as {@code design-brief.md}; it is also the recovery anchor when an iteration
 * regresses, since it always describes the best design, not the last one tried.
 */
public final class DesignBrief {

    private String current = "none yet";
    private double currentMops = Double.NaN;
    private final List<String> decisions = new ArrayList<>();
    private final List<String> nextSteps = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private String lastDiagnosis = "";

    public void current(final String design, final double mops) {
        this.current = design;
        this.currentMops = mops;
    }

    public void decide(final String decision) {
        decisions.add(decision);
    }

    /** Replaces the next steps and the directives the planner follows. */
    public void next(final String diagnosis, final List<Directive> newDirectives, final List<String> steps) {
        lastDiagnosis = diagnosis;
        directives.clear();
        directives.addAll(newDirectives);
        nextSteps.clear();
        nextSteps.addAll(steps);
    }

    public List<String> decisions() {
        return List.copyOf(decisions);
    }

    public List<Directive> directives() {
        return List.copyOf(directives);
    }

    public String current() {
        return current;
    }

    public void write(final Path file) throws IOException {
        final StringBuilder sb = new StringBuilder("# Design brief\n\n## Current design\n\n").append(current);
        if (!Double.isNaN(currentMops)) {
            sb.append(String.format(Locale.ROOT, " — %.3f Mops/s", currentMops));
        }
        sb.append("\n\n## Decisions\n\n");
        if (decisions.isEmpty()) {
            sb.append("None yet.\n");
        }
        decisions.forEach(d -> sb.append("- ").append(d).append('\n'));
        sb.append("\n## Last diagnosis\n\n").append(lastDiagnosis.isEmpty() ? "None yet." : lastDiagnosis)
            .append("\n\n## Next steps\n\n");
        if (nextSteps.isEmpty()) {
            sb.append("- explore the next untried knob\n");
        }
        nextSteps.forEach(s -> sb.append("- ").append(s).append('\n'));
        Files.writeString(file, sb);
    }
}
