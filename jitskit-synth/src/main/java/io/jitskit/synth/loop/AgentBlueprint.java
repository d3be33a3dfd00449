package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.Knob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A design a model planned in words, outside the engine's catalog. Its key is a hash of the normalized text, so the
 * whiteboard can rule it out and the planner is told when it proposes the same design twice. It has no neighbours
 * (a model, not a knob table, decides what comes next) and no generator: only a model-backed coder can build it.
 * Its text is all of it, so {@code state.json} keeps the text and a resumed run rebuilds it from there.
 *
 * @param text the design as the planner wrote it
 */
public record AgentBlueprint(String text) implements Blueprint {

    /** The name of designs in words in keys and design JSON. */
    public static final String ENGINE = "agent";

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
            return ENGINE + ";" + HexFormat.of().formatHex(h, 0, 12);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public String engine() {
        return ENGINE;
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
    public double knob(final Knob<?> knob) {
        return Double.NaN;
    }

    @Override
    public GeneratedStore generate(final Spec spec) {
        throw new UnsupportedOperationException("a design planned by a model has no generator; give the coder role "
            + "to a model (--agent-roles coder,...)");
    }
}
