package io.jitskit.agents.model;

/**
 * Tokens a reply was billed for, as the provider reported them.
 *
 * @param inputTokens  prompt tokens, cache reads and writes included
 * @param outputTokens generated tokens
 */
public record Usage(long inputTokens, long outputTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public Usage plus(final Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
