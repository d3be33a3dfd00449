/**
 * Talking to a model: one provider-neutral conversation shape ({@link io.jitskit.agents.model.Message},
 * {@link io.jitskit.agents.model.Part}, {@link io.jitskit.agents.model.ToolSpec}) and a
 * {@link io.jitskit.agents.model.ModelClient} per wire format, built on the JDK's HTTP client and Jackson only.
 *
 * <p>Rules of the package: every request goes through {@link io.jitskit.agents.model.ApiTransport}, which retries
 * rate limits, overload and dropped connections with jittered exponential backoff (honouring {@code retry-after}) and
 * turns every other failure into a one-line {@link io.jitskit.agents.model.ModelException} that names what to fix.
 * No message, log line or exception text leaves this package without passing the
 * {@link io.jitskit.agents.model.Redactor}: an API key never reaches a terminal, a transcript or a report.
 */
package io.jitskit.agents.model;
