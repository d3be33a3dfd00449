package io.jitskit.gate.child;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A child's {@code name=value} arguments. */
public final class ChildArgs {

    private final Map<String, String> values = new HashMap<>();

    public ChildArgs(final List<String> args) {
        for (final String arg : args) {
            final int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("gate child: argument '" + arg + "' is not name=value");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
    }

    /** The value of {@code name}; a missing one is a bug of the gate, not of the store. */
    public String get(final String name) {
        final String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("gate child: missing argument " + name + "=...; children are started "
                + "by the gate, which passes every argument");
        }
        return v;
    }

    public String get(final String name, final String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    public long getLong(final String name) {
        return Long.parseLong(get(name));
    }

    public int getInt(final String name) {
        return Integer.parseInt(get(name));
    }

    /** {@code name=value} for a child's command line. */
    public static String of(final String name, final Object value) {
        return name + "=" + value;
    }
}
