package io.jitskit.agents.roles;

import io.jitskit.report.synth.Attempt;
import io.jitskit.spec.SpecWriter;
import io.jitskit.synth.loop.LoopState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The memory every exchange opens with: the cards, the design brief and the whiteboard as the loop last wrote them,
 * and the recent attempts. Because each exchange carries them afresh, a role can forget old exchanges without
 * forgetting what the run learned.
 */
final class Briefing {

    private static final int RECENT = 12;

    private Briefing() {
    }

    static String of(final LoopState state) {
        final StringBuilder sb = new StringBuilder();
        sb.append("## Spec cards\n\n```yaml\n").append(SpecWriter.toYaml(state.spec())).append("```\n\n");
        sb.append(file(state.runDir().resolve("design-brief.md"), "# Design brief\n\nNone yet.")).append("\n\n");
        sb.append(file(state.runDir().resolve("whiteboard.md"), "# Whiteboard: ruled out\n\nNothing yet."))
            .append("\n\n## Recent attempts\n\n");
        final List<Attempt> attempts = state.attempts();
        if (attempts.isEmpty()) {
            sb.append("None yet.\n");
        }
        for (final Attempt a : attempts.subList(Math.max(0, attempts.size() - RECENT), attempts.size())) {
            sb.append(String.format(Locale.ROOT, "- iteration %d: %s — %s%s: %s%n", a.iteration(), a.design(),
                a.outcome().wire(), a.mops() == null ? "" : String.format(Locale.ROOT, ", %.3f Mops/s", a.mops()),
                a.reason()));
        }
        return sb.toString();
    }

    private static String file(final Path p, final String absent) {
        try {
            return Files.exists(p) ? Files.readString(p).strip() : absent;
        } catch (final IOException e) {
            return absent + " (" + p + " unreadable: " + e.getMessage() + ")";
        }
    }
}
