/**
 * Test fixtures that stand in for the network: {@link io.jitskit.agents.testing.ReplayServer} speaks each API's wire
 * format and replays recorded exchanges; {@link io.jitskit.agents.testing.AgentFixtures} writes the small spec,
 * the config file and the fake coding agent's command. Shipped in the test jar for jitskit-cli's end-to-end tests.
 */
package io.jitskit.agents.testing;
