/**
 * Where the agents' settings come from: API keys, base URLs and models from the environment or
 * {@code ~/.config/jitskit/agents.properties} (never from a spec card or a run directory), and the price table that
 * turns reported token usage into dollars.
 */
package io.jitskit.agents.config;
