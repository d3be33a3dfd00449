package io.jitskit.serve;

import io.jitskit.api.Session;
import io.jitskit.spec.Operation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Executes parsed requests for the connections of one I/O thread, on that thread's store session.
 *
 * <p>Keys and values are copied from the connection's input into native scratch segments before they reach the store:
 * an id becomes its 8-byte little-endian key, and a store may read the value with any layout (a heap array's segment
 * would only allow byte access). Reads land in a native buffer of the card's largest value, so a read never fails
 * for want of room. One copy each way is the price; the store's own work dwarfs it.
 */
final class Commands {

    /** The most bytes one MGET may return, whatever the keys' values turn out to be. */
    static final long MAX_MGET_BYTES = 64L << 20;

    private final RespServer server;
    private final CardRules rules;
    private final Session session;
    private final RespParser p;
    private final MemorySegment key;
    private final MemorySegment value;
    private final MemorySegment readBuf;
    private final MemorySegment counterInitial;
    private byte[] b;

    Commands(final RespServer server, final Session session, final RespParser parser, final Arena arena) {
        this.server = server;
        this.rules = server.rules();
        this.session = session;
        this.p = parser;
        this.key = arena.allocate(Math.max(Long.BYTES, rules.maxKey()), Long.BYTES);
        this.value = arena.allocate(rules.maxValue(), Long.BYTES);
        this.readBuf = arena.allocate(rules.maxValue(), Long.BYTES);
        this.counterInitial = rules.counterSize() > 0 ? arena.allocate(rules.counterSize(), Long.BYTES) : null;
    }

    /** Executes the request the parser holds (at least one word) and writes its reply. */
    void execute(final Connection c) {
        b = c.in;
        final RespWriter out = c.out;
        final String name = p.string(b, 0).toLowerCase(Locale.ROOT);
        final CommandTable.Info info = CommandTable.find(name);
        server.stats().commands.increment();
        if (info == null) {
            final StringBuilder sb = new StringBuilder("unknown command '")
                .append(CardRules.shown(b, p.start(0), p.length(0))).append("', with args beginning with: ");
            for (int i = 1; i < p.count() && i < 4; i++) {
                sb.append('\'').append(CardRules.shown(b, p.start(i), p.length(i))).append("' ");
            }
            out.error(sb.toString());
            return;
        }
        if (!c.authenticated && !(name.equals("auth") || name.equals("hello") || name.equals("quit")
            || name.equals("ping"))) {
            out.error("NOAUTH Authentication required.");
            return;
        }
        if (!CommandTable.arityOk(info, p.count())) {
            out.error("wrong number of arguments for '" + name + "' command");
            return;
        }
        try {
            switch (name) {
                case "ping" -> {
                    if (p.count() == 1) {
                        out.simple("PONG");
                    } else if (p.count() == 2) {
                        out.bulk(b, p.start(1), p.length(1));
                    } else {
                        out.error("wrong number of arguments for 'ping' command");
                    }
                }
                case "echo" -> out.bulk(b, p.start(1), p.length(1));
                case "quit" -> {
                    out.ok();
                    c.closing = true;
                }
                case "hello" -> hello(c);
                case "auth" -> auth(c);
                case "select" -> {
                    if (p.is(b, 1, "0")) {
                        out.ok();
                    } else {
                        out.error("DB index is out of range: a store is one keyspace, database 0");
                    }
                }
                case "client" -> client(c);
                case "command" -> command(out);
                case "get" -> get(out);
                case "set" -> set(out);
                case "mget" -> mget(out);
                case "mset" -> mset(out);
                case "del" -> del(out);
                case "exists" -> exists(out);
                case "incr" -> incr(out, 1, false);
                case "decr" -> incr(out, -1, false);
                case "incrby" -> incr(out, 1, true);
                case "decrby" -> incr(out, -1, true);
                case "dbsize" -> {
                    final java.util.OptionalLong keys = server.keyCount();
                    if (keys.isPresent()) {
                        out.integer(keys.getAsLong());
                    } else {
                        out.error("DBSIZE is unknown: this store exports no key count (metric 'keys'), the store SPI "
                            + "has no size, and counting by reads would race with other connections");
                    }
                }
                case "info" -> info(out);
                case "config" -> config(out);
                case "save" -> save(out);
                case "bgsave" -> bgsave(out);
                case "lastsave" -> out.integer(server.lastSaveSeconds());
                case "shutdown" -> shutdown(c);
                default -> out.error("unknown command '" + name + "'");
            }
        } catch (final RuntimeException e) {
            // A store refusing an operation (a value size, an operation the card lacks, a value too short for a
            // counter): the request fails, the connection and the session go on.
            out.error("store: " + e.getMessage());
        }
    }

    // ---- keys and values ----

    /** Converts argument {@code i} into the key segment, or writes the refusal and returns null. */
    private MemorySegment key(final RespWriter out, final int i) {
        final int len = rules.storeKey(b, p.start(i), p.length(i), key);
        if (len < 0) {
            out.error(rules.keyError(b, p.start(i), p.length(i)));
            return null;
        }
        return len == key.byteSize() ? key : key.asSlice(0, len);
    }

    private boolean keyOk(final int i) {
        return rules.storeKey(b, p.start(i), p.length(i), key) >= 0;
    }

    /** Copies argument {@code i} into the value segment, or writes the refusal and returns null. */
    private MemorySegment value(final RespWriter out, final int i) {
        final int len = p.length(i);
        if (!rules.valueAllowed(len)) {
            out.error(rules.valueError(len));
            return null;
        }
        MemorySegment.copy(b, p.start(i), value, ValueLayout.JAVA_BYTE, 0, len);
        return len == value.byteSize() ? value : value.asSlice(0, len);
    }

    private boolean refuseUnless(final RespWriter out, final Operation op, final String what) {
        if (rules.supports(op)) {
            return false;
        }
        out.error(what + " needs " + op.cardName() + ", which the card's requirements.operations do not include");
        return true;
    }

    /** Reads {@code k} and writes the value or null; returns whether it was present. */
    private boolean readInto(final RespWriter out, final MemorySegment k) {
        final int len = session.read(k, readBuf);
        if (len == Session.NOT_FOUND) {
            server.stats().misses.increment();
            out.nil();
            return false;
        }
        server.stats().hits.increment();
        out.bulk(readBuf, len);
        return true;
    }

    // ---- data commands ----

    private void get(final RespWriter out) {
        final MemorySegment k = key(out, 1);
        if (k != null) {
            readInto(out, k);
        }
    }

    private void set(final RespWriter out) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        for (int i = 3; i < p.count(); i++) {
            if (p.is(b, i, "NX")) {
                nx = true;
            } else if (p.is(b, i, "XX")) {
                xx = true;
            } else if (p.is(b, i, "GET")) {
                get = true;
            } else if (p.is(b, i, "EX") || p.is(b, i, "PX") || p.is(b, i, "EXAT") || p.is(b, i, "PXAT")
                || p.is(b, i, "KEEPTTL")) {
                out.error("SET " + p.string(b, i).toUpperCase(Locale.ROOT) + ": the card has no expiry; keys live "
                    + "until deleted");
                return;
            } else {
                out.error("syntax error");
                return;
            }
        }
        if (nx && xx) {
            out.error("syntax error");
            return;
        }
        if (nx ? refuseUnless(out, Operation.INSERT, "SET NX") : refuseUnless(out, Operation.UPSERT, "SET")) {
            return;
        }
        final MemorySegment k = key(out, 1);
        if (k == null) {
            return;
        }
        final MemorySegment v = value(out, 2);
        if (v == null) {
            return;
        }
        if (nx) {
            if (session.insert(k, v)) {
                if (get) {
                    out.nil();
                } else {
                    out.ok();
                }
            } else if (get) {
                readInto(out, k);
            } else {
                out.nil();
            }
            return;
        }
        if (xx || get) {
            // Not atomic: the read and the write are two store operations, and another connection may write or
            // delete the key between them (the README says so).
            final int len = session.read(k, readBuf);
            if (xx && len == Session.NOT_FOUND) {
                out.nil();
                return;
            }
            session.upsert(k, v);
            server.stats().writes.increment();
            if (!get) {
                out.ok();
            } else if (len == Session.NOT_FOUND) {
                out.nil();
            } else {
                out.bulk(readBuf, len);
            }
            return;
        }
        session.upsert(k, v);
        server.stats().writes.increment();
        out.ok();
    }

    private void mget(final RespWriter out) {
        final int keys = p.count() - 1;
        if ((long) keys * rules.maxValue() > MAX_MGET_BYTES && keys > 1) {
            out.error("MGET of " + keys + " keys could return " + keys + " x " + rules.maxValue()
                + " bytes, over the server's " + (MAX_MGET_BYTES >> 20) + " MiB reply limit; ask for fewer keys");
            return;
        }
        for (int i = 1; i < p.count(); i++) {
            if (!keyOk(i)) {
                out.error(rules.keyError(b, p.start(i), p.length(i)));
                return;
            }
        }
        out.arrayHeader(keys);
        for (int i = 1; i < p.count(); i++) {
            readInto(out, key(out, i));
        }
    }

    private void mset(final RespWriter out) {
        if ((p.count() - 1) % 2 != 0) {
            out.error("wrong number of arguments for 'mset' command");
            return;
        }
        if (refuseUnless(out, Operation.UPSERT, "MSET")) {
            return;
        }
        // Check every pair first, so that a refused pair leaves the store as it was (MSET is otherwise not atomic:
        // each pair is one upsert, and readers on other connections may see some pairs before others).
        for (int i = 1; i < p.count(); i += 2) {
            if (!keyOk(i)) {
                out.error(rules.keyError(b, p.start(i), p.length(i)));
                return;
            }
            if (!rules.valueAllowed(p.length(i + 1))) {
                out.error(rules.valueError(p.length(i + 1)));
                return;
            }
        }
        for (int i = 1; i < p.count(); i += 2) {
            session.upsert(key(out, i), value(out, i + 1));
            server.stats().writes.increment();
        }
        out.ok();
    }

    private void del(final RespWriter out) {
        if (refuseUnless(out, Operation.DELETE, "DEL")) {
            return;
        }
        for (int i = 1; i < p.count(); i++) {
            if (!keyOk(i)) {
                out.error(rules.keyError(b, p.start(i), p.length(i)));
                return;
            }
        }
        long deleted = 0;
        for (int i = 1; i < p.count(); i++) {
            if (session.delete(key(out, i))) {
                deleted++;
            }
            server.stats().writes.increment();
        }
        out.integer(deleted);
    }

    private void exists(final RespWriter out) {
        for (int i = 1; i < p.count(); i++) {
            if (!keyOk(i)) {
                out.error(rules.keyError(b, p.start(i), p.length(i)));
                return;
            }
        }
        long present = 0;
        for (int i = 1; i < p.count(); i++) {
            if (session.read(key(out, i), readBuf) != Session.NOT_FOUND) {
                present++;
            }
        }
        out.integer(present);
    }

    /**
     * INCR and friends over the store's rmw: add-u64 on the first 8 bytes of the value, little-endian. An absent key
     * starts as a value of {@link CardRules#counterSize} bytes, all zero, so its counter starts at 0. The reply is the
     * counter as a signed 64-bit integer; the counter wraps modulo 2^64 rather than failing on overflow as Redis does.
     */
    private void incr(final RespWriter out, final long sign, final boolean by) {
        final String name = p.string(b, 0).toUpperCase(Locale.ROOT);
        if (refuseUnless(out, Operation.RMW, name)) {
            return;
        }
        if (counterInitial == null) {
            out.error(name + ": the card's values are shorter than the 8 bytes a counter needs (workload.values)");
            return;
        }
        long delta = 1;
        if (by) {
            final long d = CardRules.decimalSigned(b, p.start(2), p.length(2));
            if (d == Long.MIN_VALUE) {
                out.error("value is not an integer or out of range");
                return;
            }
            delta = d;
        }
        final MemorySegment k = key(out, 1);
        if (k == null) {
            return;
        }
        final long counter = session.rmw(k, sign * delta, counterInitial);
        server.stats().writes.increment();
        out.integer(counter);
    }

    // ---- connection and server commands ----

    private void hello(final Connection c) {
        final RespWriter out = c.out;
        int i = 1;
        int proto = out.resp3() ? 3 : 2;
        if (p.count() > 1) {
            final String v = p.string(b, 1);
            if (!v.equals("2") && !v.equals("3")) {
                out.error("NOPROTO unsupported protocol version");
                return;
            }
            proto = v.charAt(0) - '0';
            i = 2;
        }
        boolean authed = c.authenticated;
        String name = null;
        for (; i < p.count(); i++) {
            if (p.is(b, i, "AUTH") && i + 2 < p.count()) {
                if (!passwordMatches(p.string(b, i + 1), i + 2)) {
                    out.error("WRONGPASS invalid username-password pair or user is disabled.");
                    return;
                }
                authed = true;
                i += 2;
            } else if (p.is(b, i, "SETNAME") && i + 1 < p.count()) {
                name = p.string(b, i + 1);
                i += 1;
            } else {
                out.error("syntax error in HELLO option '" + CardRules.shown(b, p.start(i), p.length(i)) + "'");
                return;
            }
        }
        if (!authed) {
            out.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO "
                + "<proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
                + "protocol version at the same time");
            return;
        }
        c.authenticated = true;
        if (name != null) {
            c.name = name;
        }
        out.resp3(proto == 3);
        out.mapHeader(7);
        out.bulk("server");
        out.bulk("jitskit");
        out.bulk("version");
        out.bulk(RespServer.REDIS_VERSION);
        out.bulk("proto");
        out.integer(proto);
        out.bulk("id");
        out.integer(c.id);
        out.bulk("mode");
        out.bulk("standalone");
        out.bulk("role");
        out.bulk("master");
        out.bulk("modules");
        out.arrayHeader(0);
    }

    private void auth(final Connection c) {
        final RespWriter out = c.out;
        if (p.count() > 3) {
            out.error("syntax error");
            return;
        }
        if (server.config().requirePass() == null) {
            out.error("AUTH <password> called without any password configured for the default user. Are you sure "
                + "your configuration is correct?");
            return;
        }
        final String user = p.count() == 3 ? p.string(b, 1) : "default";
        if (passwordMatches(user, p.count() - 1)) {
            c.authenticated = true;
            out.ok();
        } else {
            out.error("WRONGPASS invalid username-password pair or user is disabled.");
        }
    }

    /** Whether {@code user} is {@code default} and argument {@code i} is the password, compared in constant time. */
    private boolean passwordMatches(final String user, final int i) {
        final String pass = server.config().requirePass();
        if (pass == null) {
            // No password configured: Redis accepts any for the default user.
            return user.equals("default");
        }
        final byte[] given = new byte[p.length(i)];
        System.arraycopy(b, p.start(i), given, 0, given.length);
        return user.equals("default") && MessageDigest.isEqual(given, pass.getBytes(StandardCharsets.UTF_8));
    }

    private void client(final Connection c) {
        final RespWriter out = c.out;
        if (p.is(b, 1, "SETNAME") && p.count() == 3) {
            for (int i = 0; i < p.length(2); i++) {
                final byte ch = b[p.start(2) + i];
                if (ch <= ' ' || ch > '~') {
                    out.error("Client names cannot contain spaces, newlines or special characters.");
                    return;
                }
            }
            c.name = p.string(b, 2);
            out.ok();
        } else if (p.is(b, 1, "GETNAME") && p.count() == 2) {
            if (c.name.isEmpty()) {
                out.nil();
            } else {
                out.bulk(c.name);
            }
        } else if (p.is(b, 1, "ID") && p.count() == 2) {
            out.integer(c.id);
        } else if (p.is(b, 1, "SETINFO") && p.count() == 4) {
            out.ok();
        } else {
            out.error("unknown subcommand or wrong number of arguments for '"
                + CardRules.shown(b, p.start(1), p.length(1)) + "'. Try CLIENT SETNAME, GETNAME, ID.");
        }
    }

    private void command(final RespWriter out) {
        if (p.count() == 1) {
            out.arrayHeader(CommandTable.COMMANDS.size());
            CommandTable.COMMANDS.values().forEach(info -> CommandTable.write(out, info));
        } else if (p.is(b, 1, "COUNT")) {
            out.integer(CommandTable.COMMANDS.size());
        } else if (p.is(b, 1, "INFO")) {
            out.arrayHeader(p.count() - 2);
            for (int i = 2; i < p.count(); i++) {
                final CommandTable.Info info = CommandTable.find(p.string(b, i));
                if (info == null) {
                    out.nilArray();
                } else {
                    CommandTable.write(out, info);
                }
            }
        } else if (p.is(b, 1, "DOCS")) {
            // Docs are optional for clients (redis-cli uses them for hints only): none.
            out.mapHeader(0);
        } else {
            out.error("unknown subcommand '" + CardRules.shown(b, p.start(1), p.length(1))
                + "'. Try COMMAND COUNT, INFO, DOCS.");
        }
    }

    private void info(final RespWriter out) {
        final java.util.List<String> sections = new java.util.ArrayList<>();
        for (int i = 1; i < p.count(); i++) {
            sections.add(p.string(b, i).toLowerCase(Locale.ROOT));
        }
        out.verbatim(server.info(sections));
    }

    /**
     * {@code CONFIG GET pattern...}: the few parameters clients read before they start (redis-benchmark asks for
     * {@code save} and {@code appendonly}), answered from the card; a pattern is an exact name or {@code *}.
     * {@code CONFIG SET} and the rest are refused: a store's settings are its card's.
     */
    private void config(final RespWriter out) {
        if (!p.is(b, 1, "GET")) {
            out.error("CONFIG " + p.string(b, 1).toUpperCase(Locale.ROOT) + " is not supported: the store's settings "
                + "come from its card; CONFIG GET reads them");
            return;
        }
        final boolean commit = rules.spec().requirements().durability().level()
            == io.jitskit.spec.Durability.Level.COMMIT;
        final String[][] known = {{"save", ""}, {"appendonly", commit ? "yes" : "no"}, {"databases", "1"},
            {"maxmemory", Long.toString(rules.spec().environment().memoryBudgetBytes())}};
        final java.util.List<String[]> found = new java.util.ArrayList<>();
        for (final String[] kv : known) {
            for (int i = 2; i < p.count(); i++) {
                final String pattern = p.string(b, i).toLowerCase(Locale.ROOT);
                if (pattern.equals("*") || pattern.equals(kv[0])) {
                    found.add(kv);
                    break;
                }
            }
        }
        out.mapHeader(found.size());
        for (final String[] kv : found) {
            out.bulk(kv[0]);
            out.bulk(kv[1]);
        }
    }

    private void save(final RespWriter out) {
        final String failure = server.checkpoint();
        if (failure == null) {
            out.ok();
        } else {
            out.error(failure);
        }
    }

    private void bgsave(final RespWriter out) {
        final String refusal = server.checkpointInBackground();
        if (refusal == null) {
            out.simple("Background saving started");
        } else {
            out.error(refusal);
        }
    }

    private void shutdown(final Connection c) {
        boolean save = server.durable();
        for (int i = 1; i < p.count(); i++) {
            if (p.is(b, i, "NOSAVE")) {
                save = false;
            } else if (p.is(b, i, "SAVE")) {
                save = true;
            } else if (!(p.is(b, i, "NOW") || p.is(b, i, "FORCE"))) {
                c.out.error("syntax error");
                return;
            }
        }
        if (save) {
            if (!server.durable()) {
                c.out.error("SHUTDOWN SAVE: the card's durability is none, so the store cannot checkpoint; use "
                    + "SHUTDOWN NOSAVE");
                return;
            }
            final String failure = server.checkpoint();
            if (failure != null) {
                c.out.error("Errors trying to SHUTDOWN: " + failure);
                return;
            }
        }
        // As in Redis, a successful SHUTDOWN has no reply: the connection closes and the server stops.
        c.closing = true;
        server.requestStop();
    }
}
