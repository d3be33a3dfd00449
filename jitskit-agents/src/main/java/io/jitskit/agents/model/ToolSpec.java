package io.jitskit.agents.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call.
 *
 * @param name        the name the model calls it by
 * @param description what it does and when to use it, for the model
 * @param inputSchema a JSON schema of its arguments ({@code type: object})
 */
public record ToolSpec(String name, String description, ObjectNode inputSchema) { }
