/**
 * A coding agent installed on the machine (Claude Code's {@code claude -p}, or any command given as a template) as
 * the loop's coder: run non-interactively in the candidate's workspace, its JSON result read for text, usage and
 * cost.
 *
 * <p>Rules: the command is split into arguments by the template, never passed through a shell, so a prompt cannot
 * inject commands; the agent's working directory is the workspace; its own credentials are its business and are not
 * read here.
 */
package io.jitskit.agents.cli;
