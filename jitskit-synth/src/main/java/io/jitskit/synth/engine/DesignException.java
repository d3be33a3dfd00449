package io.jitskit.synth.engine;

/**
 * No in-memory design can serve a spec: the data does not fit the usable budget, or the card asks for something this
 * engine does not build (variable-length keys, an unknown key count). The message is one line with the figures and
 * the field to change. Also thrown when a design read from JSON is not one an engine builds ({@link DesignJson}):
 * the line names the knob.
 */
public final class DesignException extends RuntimeException {

    public DesignException(final String message) {
        super(message);
    }
}
