package io.jitskit.agents.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the small JSON schemas tool arguments are described with. */
public final class Schemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Schemas() {
    }

    /** An empty object schema; add properties with {@link #property}. */
    public static ObjectNode object() {
        final ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties");
        schema.putArray("required");
        return schema;
    }

    /** Adds a required property of a simple type ({@code string}, {@code integer}, {@code boolean}). */
    public static ObjectNode property(final ObjectNode schema, final String name, final String type,
                                      final String description) {
        ((ObjectNode) schema.get("properties")).putObject(name).put("type", type).put("description", description);
        schema.withArray("required").add(name);
        return schema;
    }

    /** Adds an optional property. */
    public static ObjectNode optional(final ObjectNode schema, final String name, final String type,
                                      final String description) {
        ((ObjectNode) schema.get("properties")).putObject(name).put("type", type).put("description", description);
        return schema;
    }

    /** Adds a required property with a full schema of its own. */
    public static ObjectNode property(final ObjectNode schema, final String name, final ObjectNode propertySchema) {
        ((ObjectNode) schema.get("properties")).set(name, propertySchema);
        schema.withArray("required").add(name);
        return schema;
    }

    public static ObjectNode node() {
        return JSON.createObjectNode();
    }
}
