/**
 * A role's memory: one conversation per role that lives across iterations, trimmed before it overflows the model's
 * context, a tool loop with a turn cap, and a transcript of every exchange in the run directory.
 *
 * <p>Rules: each iteration opens a new exchange whose text carries the latest design brief and whiteboard, so
 * trimming may drop whole old exchanges (oldest first) and then elide old tool output, but never the system prompt or
 * the exchange in progress. Every tool call gets a result before the next request, as both wire formats require.
 */
package io.jitskit.agents.conversation;
