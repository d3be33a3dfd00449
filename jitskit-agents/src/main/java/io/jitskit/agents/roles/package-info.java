/**
 * The loop's roles played by a model: {@link io.jitskit.agents.roles.AgentPlanner},
 * {@link io.jitskit.agents.roles.AgentCoder}, {@link io.jitskit.agents.roles.AgentCritic} and
 * {@link io.jitskit.agents.roles.AgentAuditor}, each with its own conversation kept across iterations.
 *
 * <p>Rules: a role asks for its answer through a tool with a schema, never by parsing prose. A planner or coder whose
 * model fails ends the run between iterations ({@link io.jitskit.agents.AgentFailure}); a critic or auditor whose
 * model fails falls back to the offline reading for that call, so a measured iteration is never thrown away, and
 * asks the loop to stop before the next one. Any role can be mixed with offline ones: an LLM plan the engine cannot
 * generate is an {@link io.jitskit.synth.loop.AgentBlueprint}, and an engine plan given to an LLM coder arrives as
 * the engine's source in its workspace.
 */
package io.jitskit.agents.roles;
