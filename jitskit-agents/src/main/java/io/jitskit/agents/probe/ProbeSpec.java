package io.jitskit.agents.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A declarative probe: a name and a list of steps, run in order by one session.
 *
 * <pre>
 * {"name": "probe-delete-survives-reopen",
 *  "why": "deletes must not come back after recovery",
 *  "steps": [
 *    {"op": "upsert", "keys": [0, 100], "version": 1},
 *    {"op": "delete", "keys": [0, 50], "expect": "deleted"},
 *    {"op": "checkpoint"},
 *    {"op": "reopen"},
 *    {"op": "read", "keys": [0, 50], "expect": "absent"},
 *    {"op": "read", "keys": [50, 100], "expect": "version", "version": 1},
 *    {"op": "upsert", "key": 7, "version": 2, "size": 3, "expect": "rejected"},
 *    {"op": "rmw", "key": 200, "delta": 5, "expect": "counter", "counter": 5}]}
 * </pre>
 *
 * <p>Operations and their outcomes: {@code upsert} ({@code ok} | {@code rejected}, with an optional explicit
 * {@code size}); {@code insert} ({@code inserted} | {@code present}); {@code read} ({@code version} with
 * {@code version} | {@code absent} | {@code counter} with {@code counter}); {@code delete} ({@code deleted} |
 * {@code absent}); {@code rmw} ({@code counter} with {@code counter}, the value after adding {@code delta});
 * {@code checkpoint}; {@code reopen} (close and recover from the data directory). A step names one {@code key} or a
 * range {@code keys: [from, to)} of at most {@value #MAX_RANGE} ids.
 *
 * @param name  {@code probe-...}, letters, digits and dashes
 * @param why   what gap it closes, one line
 * @param steps the operations
 */
public record ProbeSpec(String name, String why, List<Step> steps) {

    static final int MAX_RANGE = 100_000;
    static final int MAX_STEPS = 64;

    private static final Pattern NAME = Pattern.compile("probe-[a-z0-9-]{2,60}");
    private static final Set<String> FIELDS = Set.of("op", "key", "keys", "version", "size", "delta", "counter",
        "expect");

    /** The operations. */
    public enum Op { UPSERT, INSERT, READ, DELETE, RMW, CHECKPOINT, REOPEN }

    /**
     * One step over ids {@code [from, to)}.
     *
     * @param size    explicit value size, or -1 for the size the spec's distribution gives the version
     * @param expect  the outcome word, lower case
     */
    public record Step(Op op, long from, long to, long version, int size, long delta, long counter, String expect) {

        public String describe() {
            final String keys = to - from == 1 ? "key " + from : "keys [" + from + ", " + to + ")";
            return op.name().toLowerCase(java.util.Locale.ROOT) + (op == Op.CHECKPOINT || op == Op.REOPEN ? ""
                : " " + keys) + (expect.isEmpty() ? "" : " expecting " + expect);
        }
    }

    public ProbeSpec {
        steps = List.copyOf(steps);
    }

    /**
     * Reads a probe, strictly: unknown fields, ops and outcomes are refused.
     *
     * @throws IllegalArgumentException naming the step and field and the fix
     */
    public static ProbeSpec parse(final JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a probe is a JSON object with name, why and steps");
        }
        final String name = node.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name + "': use probe-<words>, lower case letters, digits "
                + "and dashes");
        }
        final JsonNode steps = node.path("steps");
        if (!steps.isArray() || steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException(name + ": steps must be a list of 1 to " + MAX_STEPS + " operations");
        }
        final List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(step(name + " step " + (i + 1), steps.get(i)));
        }
        return new ProbeSpec(name, node.path("why").asText(""), out);
    }

    private static Step step(final String where, final JsonNode s) {
        for (final Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            final String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "'; fields are " + FIELDS);
            }
        }
        final Op op;
        try {
            op = Op.valueOf(s.path("op").asText("").toUpperCase(java.util.Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": op '" + s.path("op").asText() + "'; ops are upsert, insert, "
                + "read, delete, rmw, checkpoint, reopen");
        }
        if (op == Op.CHECKPOINT || op == Op.REOPEN) {
            return new Step(op, 0, 0, 0, -1, 0, 0, "");
        }
        final long from;
        final long to;
        if (s.has("key")) {
            from = s.path("key").asLong(-1);
            to = from + 1;
        } else if (s.path("keys").isArray() && s.path("keys").size() == 2) {
            from = s.path("keys").get(0).asLong(-1);
            to = s.path("keys").get(1).asLong(-1);
        } else {
            throw new IllegalArgumentException(where + ": give key (an id) or keys ([from, to))");
        }
        if (from < 0 || to <= from || to - from > MAX_RANGE) {
            throw new IllegalArgumentException(where + ": keys [" + from + ", " + to + ") must be non-negative, "
                + "non-empty and at most " + MAX_RANGE + " ids");
        }
        final String expect = s.path("expect").asText(defaultExpect(op));
        final Set<String> allowed = switch (op) {
            case UPSERT -> Set.of("ok", "rejected");
            case INSERT -> Set.of("inserted", "present");
            case READ -> Set.of("version", "absent", "counter");
            case DELETE -> Set.of("deleted", "absent");
            case RMW -> Set.of("counter");
            default -> Set.of();
        };
        if (!allowed.contains(expect)) {
            throw new IllegalArgumentException(where + ": " + op.name().toLowerCase(java.util.Locale.ROOT)
                + " cannot expect '" + expect + "'; use one of " + allowed);
        }
        final boolean needsVersion = op == Op.UPSERT || op == Op.INSERT || (op == Op.READ && "version".equals(expect));
        final long version = s.path("version").asLong(needsVersion ? -1 : 0);
        if (needsVersion && version < 1) {
            throw new IllegalArgumentException(where + ": version must be a positive integer");
        }
        if (op == Op.RMW && !s.has("delta")) {
            throw new IllegalArgumentException(where + ": rmw needs delta");
        }
        if ("counter".equals(expect) && !s.has("counter")) {
            throw new IllegalArgumentException(where + ": expect counter needs counter (the value after the add)");
        }
        final int size = s.has("size") ? s.path("size").asInt(-2) : -1;
        if (s.has("size") && size < 0) {
            throw new IllegalArgumentException(where + ": size must be a non-negative integer");
        }
        return new Step(op, from, to, version, size, s.path("delta").asLong(0), s.path("counter").asLong(0), expect);
    }

    private static String defaultExpect(final Op op) {
        return switch (op) {
            case UPSERT -> "ok";
            case INSERT -> "inserted";
            case DELETE -> "deleted";
            case RMW -> "counter";
            default -> "";
        };
    }
}
