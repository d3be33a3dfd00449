package io.jitskit.synth.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.DesignException;
import io.jitskit.synth.engine.DesignJson;
import io.jitskit.synth.engine.Facts;
import io.jitskit.synth.engine.MemoryKnob;
import io.jitskit.synth.engine.log.LogFacts;
import io.jitskit.synth.engine.log.LogKnob;
import java.util.Map;
import java.util.Set;

/**
 * A design as JSON, so that it outlives the process that planned it: {@code state.json} keeps every built design this
 * way, and a resumed run rebuilds them from there instead of replaying moves.
 *
 * <pre>
 * {"schema": "jitskit.design/1", "engine": "memory", "knobs": {"slotBytes": 120, "maxLoadFactor": 0.7, ...}}
 * {"schema": "jitskit.design/1", "engine": "log",    "knobs": {"indexLoadFactor": 0.7, "eviction": "CLOCK", ...}}
 * {"schema": "jitskit.design/1", "engine": "agent",  "text": "Striped cuckoo table\n..."}
 * </pre>
 *
 * <p>An engine's design holds its knobs only: the card facts it is sized for are derived again from the card it is
 * read against, so a design and its card make a whole store, on this machine or another. Reading is strict: an
 * unknown field, an unknown engine or knob, a missing knob, a mistyped value or a value outside its domain is a
 * {@link DesignException} whose one line names the field.
 */
public final class BlueprintJson {

    /** The format, versioned: a reader refuses any other. */
    public static final String SCHEMA = "jitskit.design/1";

    private static final Set<String> ENGINE_FIELDS = Set.of("schema", "engine", "knobs");
    private static final Set<String> AGENT_FIELDS = Set.of("schema", "engine", "text");

    private BlueprintJson() {
    }

    /** {@code design} as a JSON object. */
    public static ObjectNode write(final Blueprint design) {
        final ObjectNode out = JsonNodeFactory.instance.objectNode().put("schema", SCHEMA)
            .put("engine", design.engine());
        switch (design) {
            case MemoryBlueprint m -> out.set("knobs", DesignJson.write(m.design(), MemoryKnob.class));
            case LogBlueprint l -> out.set("knobs", DesignJson.write(l.design(), LogKnob.class));
            case AgentBlueprint a -> out.put("text", a.text());
        }
        return out;
    }

    /**
     * The design {@code json} describes, sized for {@code spec}.
     *
     * @throws DesignException one line naming the field that is unknown, missing or wrong
     */
    public static Blueprint read(final JsonNode json, final Spec spec) {
        if (json == null || !json.isObject()) {
            throw new DesignException("design JSON: expected an object with schema, engine and knobs, was "
                + (json == null ? "nothing" : json.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        final String schema = json.path("schema").asText(null);
        if (!SCHEMA.equals(schema)) {
            throw new DesignException("design JSON: schema must be " + SCHEMA + ", was " + json.get("schema"));
        }
        final String engine = json.path("engine").asText("");
        try {
            switch (engine) {
                case MemoryBlueprint.ENGINE -> {
                    onlyFields(json, ENGINE_FIELDS);
                    final Map<MemoryKnob, Object> knobs = DesignJson.read(json.get("knobs"), MemoryKnob.class);
                    return new MemoryBlueprint(MemoryKnob.design(Facts.of(spec), knobs));
                }
                case LogBlueprint.ENGINE -> {
                    onlyFields(json, ENGINE_FIELDS);
                    final Map<LogKnob, Object> knobs = DesignJson.read(json.get("knobs"), LogKnob.class);
                    return new LogBlueprint(LogKnob.design(LogFacts.of(spec), knobs));
                }
                case AgentBlueprint.ENGINE -> {
                    onlyFields(json, AGENT_FIELDS);
                    if (!json.path("text").isTextual() || json.path("text").asText().isBlank()) {
                        throw new DesignException("design JSON: text must be the design in words, was "
                            + json.get("text"));
                    }
                    return new AgentBlueprint(json.get("text").asText());
                }
                default -> throw new DesignException("design JSON: engine must be " + MemoryBlueprint.ENGINE + ", "
                    + LogBlueprint.ENGINE + " or " + AgentBlueprint.ENGINE + ", was " + json.get("engine"));
            }
        } catch (final IllegalArgumentException e) {
            // The design record's constructor: its message names the knob and its domain.
            throw new DesignException("design JSON: " + e.getMessage());
        }
    }

    private static void onlyFields(final JsonNode json, final Set<String> known) {
        for (final Map.Entry<String, JsonNode> e : json.properties()) {
            if (!known.contains(e.getKey())) {
                throw new DesignException("design JSON: unknown field '" + e.getKey() + "' in a "
                    + json.path("engine").asText() + " design; known: " + String.join(", ", known.stream().sorted()
                    .toList()));
            }
        }
    }
}
