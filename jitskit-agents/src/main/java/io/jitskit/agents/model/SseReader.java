package io.jitskit.agents.model;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads a server-sent event stream: {@code event:} and {@code data:} lines, an event dispatched at each blank line.
 * Comment lines ({@code :}) and fields other than those two are skipped, as the format requires.
 */
final class SseReader {

    /** Receives each event; returns false to stop reading. */
    interface Handler {
        boolean event(String type, String data) throws IOException;
    }

    private SseReader() {
    }

    /** @return true when the handler stopped the stream, false when the stream ended first */
    static boolean read(final BufferedReader in, final Handler handler) throws IOException {
        String type = "message";
        final StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    if (!handler.event(type, data.toString())) {
                        return true;
                    }
                }
                type = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                type = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) : line.substring(5));
            }
        }
        return !data.isEmpty() && !handler.event(type, data.toString());
    }
}
