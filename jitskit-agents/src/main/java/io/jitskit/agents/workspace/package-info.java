/**
 * The coder's workspace and its tools: list, read, write and edit files, compile, run the quick gate and a short
 * benchmark.
 *
 * <p>The one rule: every path a model names is resolved against the workspace root and refused if it leaves it, by
 * {@code ..}, by an absolute path, or through a symbolic link that points outside. A refusal goes back to the model as
 * a tool error and is written to the transcript; the run goes on.
 */
package io.jitskit.agents.workspace;
