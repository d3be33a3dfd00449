package io.jitskit.ycsb;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Store;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.Stores;
import io.jitskit.serve.CardRules;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import site.ycsb.DBException;

/**
 * The stores the YCSB client threads of this JVM share. YCSB makes one {@code DB} per client thread and calls its
 * {@code init()} and {@code cleanup()} on that thread; the store is opened by the first {@code init()} and, at the last
 * {@code cleanup()}, checkpointed when the card is durable and closed, so YCSB's load JVM leaves a checkpoint the run
 * JVM recovers. A holder outside YCSB ({@link LoadAndRun}) may keep a store open across YCSB phases by acquiring it too.
 */
final class OpenStores {

    static final String STORE = "jitskit.store";
    static final String SPEC = "jitskit.spec";
    static final String DATA = "jitskit.data";

    /** A store and what the binding derives from its card, with the session ids in use. */
    static final class Shared {
        final Key key;
        final Store store;
        final Spec spec;
        final CardRules rules;
        final boolean durable;
        private final BitSet sessions = new BitSet();
        private int holders;

        Shared(final Key key, final Store store, final Spec spec) {
            this.key = key;
            this.store = store;
            this.spec = spec;
            this.rules = new CardRules(spec);
            this.durable = spec.requirements().durability().level() != Durability.Level.NONE;
        }
    }

    record Key(String store, Path spec, Path data) {
    }

    private static final Map<Key, Shared> OPEN = new HashMap<>();

    private OpenStores() {
    }

    /** The key the properties name, or a DBException saying which property is missing. */
    static Key key(final Properties p) throws DBException {
        final String store = p.getProperty(STORE);
        final String spec = p.getProperty(SPEC);
        if (store == null || store.isBlank() || spec == null || spec.isBlank()) {
            throw new DBException("jitskit: give -p " + STORE + "=NAME|JAR and -p " + SPEC + "=CARD.yaml (and -p "
                + DATA + "=DIR, the store's data directory; default runs/ycsb-<card name>/data)");
        }
        final Path card = Path.of(spec).toAbsolutePath().normalize();
        final String data = p.getProperty(DATA);
        final Path dir = data != null && !data.isBlank() ? Path.of(data) : Path.of("runs", "ycsb-" + cardName(card),
            "data");
        return new Key(store, card, dir.toAbsolutePath().normalize());
    }

    private static String cardName(final Path card) {
        final String f = card.getFileName().toString();
        return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f;
    }

    /** Opens the store the properties name, or shares the one already open, for one more holder. */
    static synchronized Shared acquire(final Properties p) throws DBException {
        final Key key = key(p);
        Shared shared = OPEN.get(key);
        if (shared == null) {
            final Spec spec;
            try {
                spec = SpecParser.parse(key.spec());
            } catch (final SpecException e) {
                throw new DBException("jitskit: " + SPEC + ": " + e.getMessage(), e);
            }
            final Store store;
            try {
                store = Stores.open(spec, key.store(), key.data());
            } catch (final StoreLoadException | IOException | RuntimeException e) {
                throw new DBException("jitskit: " + STORE + "=" + key.store() + " does not open on " + key.data()
                    + ": " + e.getMessage(), e);
            }
            shared = new Shared(key, store, spec);
            OPEN.put(key, shared);
            System.err.println("jitskit: opened " + store.info().name() + " for card " + spec.name() + " in "
                + key.data() + " (" + store.recovery() + ")");
        }
        shared.holders++;
        return shared;
    }

    /** The lowest session id not in use: YCSB's thread i of a run gets the id its thread i had in the load. */
    static synchronized int sessionId(final Shared shared) {
        final int id = shared.sessions.nextClearBit(0);
        shared.sessions.set(id);
        return id;
    }

    static synchronized void endSession(final Shared shared, final int id) {
        shared.sessions.clear(id);
    }

    /**
     * One holder fewer; the last checkpoints a durable store (so what YCSB wrote survives into the next JVM) and closes
     * it.
     */
    static synchronized void release(final Shared shared) throws DBException {
        if (--shared.holders > 0) {
            return;
        }
        OPEN.remove(shared.key);
        try (Store store = shared.store) {
            if (shared.durable) {
                final Checkpoint c = store.checkpoint();
                System.err.println("jitskit: checkpointed " + store.info().name() + " (" + c + ") and closed it");
            }
        } catch (final IOException | RuntimeException e) {
            throw new DBException("jitskit: checkpoint or close of " + shared.key.store() + " failed: "
                + e.getMessage(), e);
        }
    }
}
