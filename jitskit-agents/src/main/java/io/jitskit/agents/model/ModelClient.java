package io.jitskit.agents.model;

/** A model behind some wire format. Implementations are thread-safe; each role calls from one thread at a time. */
public interface ModelClient {

    /** {@code anthropic} or {@code openai}: names the provider in messages. */
    String provider();

    /** The model requests go to. */
    String model();

    /**
     * Sends one request, retrying what is worth retrying.
     *
     * @throws ModelException with a one-line, redacted message when the request cannot be completed
     */
    ModelReply send(ModelRequest request) throws ModelException;
}
