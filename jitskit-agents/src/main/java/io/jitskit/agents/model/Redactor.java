package io.jitskit.agents.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is shown or stored: the configured keys verbatim, and anything shaped like a
 * provider key ({@code sk-...}, {@code sk-ant-...}) or a bearer token, so that a key echoed back by a server or a
 * proxy is caught too.
 */
public final class Redactor {

    static final String MASK = "[redacted]";

    private static final Pattern KEY_SHAPED = Pattern.compile(
        "(sk-(ant-)?[A-Za-z0-9_\\-]{8,})|((?i)bearer\\s+[A-Za-z0-9._\\-]{8,})|((?i)x-api-key[\"':=\\s]+[A-Za-z0-9._\\-]{8,})");

    private final List<String> secrets;

    /** @param secrets the keys in use; blanks and very short strings (which would mask ordinary words) are ignored */
    public Redactor(final List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 6).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String apply(final String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (final String s : secrets) {
            out = out.replace(s, MASK);
        }
        return KEY_SHAPED.matcher(out).replaceAll(MASK);
    }
}
