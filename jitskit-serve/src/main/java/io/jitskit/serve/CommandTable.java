package io.jitskit.serve;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The commands the server knows, with Redis's arity convention (n: exactly n words with the name; -n: at least n)
 * and flags, for arity checks and for {@code COMMAND}, which clients such as redis-cli read.
 */
final class CommandTable {

    record Info(String name, int arity, String[] flags, int firstKey, int lastKey, int step) {
    }

    static final Map<String, Info> COMMANDS = new LinkedHashMap<>();

    static {
        add("ping", -1, 0, 0, 0, "fast", "stale");
        add("echo", 2, 0, 0, 0, "fast");
        add("quit", -1, 0, 0, 0, "fast", "noauth");
        add("hello", -1, 0, 0, 0, "fast", "noauth");
        add("auth", -2, 0, 0, 0, "fast", "noauth");
        add("select", 2, 0, 0, 0, "fast");
        add("client", -2, 0, 0, 0, "admin");
        add("command", -1, 0, 0, 0, "loading", "stale");
        add("get", 2, 1, 1, 1, "readonly", "fast");
        add("set", -3, 1, 1, 1, "write", "denyoom");
        add("mget", -2, 1, -1, 1, "readonly", "fast");
        add("mset", -3, 1, -1, 2, "write", "denyoom");
        add("del", -2, 1, -1, 1, "write");
        add("exists", -2, 1, -1, 1, "readonly", "fast");
        add("incr", 2, 1, 1, 1, "write", "denyoom", "fast");
        add("incrby", 3, 1, 1, 1, "write", "denyoom", "fast");
        add("decr", 2, 1, 1, 1, "write", "denyoom", "fast");
        add("decrby", 3, 1, 1, 1, "write", "denyoom", "fast");
        add("dbsize", 1, 0, 0, 0, "readonly", "fast");
        add("info", -1, 0, 0, 0, "stale");
        add("config", -3, 0, 0, 0, "admin", "noscript", "loading", "stale");
        add("save", 1, 0, 0, 0, "admin", "noscript");
        add("bgsave", -1, 0, 0, 0, "admin", "noscript");
        add("lastsave", 1, 0, 0, 0, "fast", "stale");
        add("shutdown", -1, 0, 0, 0, "admin", "noscript", "loading", "stale");
    }

    private CommandTable() {
    }

    private static void add(final String name, final int arity, final int first, final int last, final int step,
        final String... flags) {
        COMMANDS.put(name, new Info(name, arity, flags, first, last, step));
    }

    /** The command named {@code name} in any case, or {@code null}. */
    static Info find(final String name) {
        return COMMANDS.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code words} words (the name included) suit {@code info}'s arity. */
    static boolean arityOk(final Info info, final int words) {
        return info.arity >= 0 ? words == info.arity : words >= -info.arity;
    }

    static void write(final RespWriter out, final Info info) {
        out.arrayHeader(6);
        out.bulk(info.name);
        out.integer(info.arity);
        out.arrayHeader(info.flags.length);
        for (final String f : info.flags) {
            out.simple(f);
        }
        out.integer(info.firstKey);
        out.integer(info.lastKey);
        out.integer(info.step);
    }
}
