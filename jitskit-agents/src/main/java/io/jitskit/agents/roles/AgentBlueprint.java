package io.jitskit.agents.roles;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.loop.Blueprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A design a model planned in words, outside the engine's catalog. Its key is a hash of the normalized text, so the
 * whiteboard can rule it out and the planner is told when it proposes the same design twice. It has no neighbours
 * (a model, not a knob table, decides what comes next) and no generator: only a model-backed coder can build it.
 *
 * @param text the design as the planner wrote it
 */
public record AgentBlueprint(String text) implements Blueprint {

    @Override
    public String describe() {
        final String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }

    @Override
    public String key() {
        try {
            final byte[] h = MessageDigest.getInstance("SHA-256").digest(text.strip().replaceAll("\\s+", " ")
                .toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "agent;" + HexFormat.of().formatHex(h, 0, 12);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public String engine() {
        return "agent";
    }

    @Override
    public List<Blueprint> neighbours() {
        return List.of();
    }

    @Override
    public String changeFrom(final Blueprint from) {
        return "";
    }

    @Override
    public double knob(final String name) {
        return Double.NaN;
    }

    @Override
    public GeneratedStore generate(final Spec spec) {
        throw new UnsupportedOperationException("a design planned by a model has no generator; give the coder role "
            + "to a model (--agent-roles coder,...)");
    }
}
