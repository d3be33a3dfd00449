/**
 * Model-backed roles for the synthesis loop (issue 7): {@link io.jitskit.agents.Agents} builds a planner, coder,
 * critic and auditor from {@link io.jitskit.agents.AgentOptions}, a model (Anthropic, or any OpenAI-compatible
 * server) or an installed coding agent playing the roles it is given and the offline engine the rest, with one
 * {@link io.jitskit.agents.CostLedger} booking what each role spends per iteration and stopping the run at its
 * dollar budget.
 *
 * <p>Sub-packages: {@code model} (wire formats, retries, redaction), {@code config} (keys, base URLs, prices),
 * {@code conversation} (per-role memory, trimming, transcripts, the tool loop), {@code workspace} (the coder's
 * confined tools), {@code roles} (the four roles), {@code cli} (coding-agent backend), {@code probe} (the auditor's
 * declarative probes).
 *
 * <p>Rules: keys come from the environment or the user's config file only and are redacted everywhere; every
 * failure a user can fix is one line that says how; a role failure never loses an iteration the loop recorded.
 */
package io.jitskit.agents;
