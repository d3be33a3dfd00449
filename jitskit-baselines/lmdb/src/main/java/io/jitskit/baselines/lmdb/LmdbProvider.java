package io.jitskit.baselines.lmdb;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.Fit;
import java.io.IOException;
import java.nio.Buffer;
import java.util.List;

/** Opens {@link LmdbStore}s: store name {@code lmdb}. */
public final class LmdbProvider implements StoreProvider {

    public static final String NAME = "lmdb";

    /**
     * JVM flags a process opening this store needs on JDK 25: lmdbjava reads a direct buffer's address through
     * reflection on {@code java.nio.Buffer} and the internal {@code sun.nio.ch.DirectBuffer}. Native access is
     * enabled too, so jnr-ffi loads its stub without a warning.
     */
    public static final List<String> JVM_ARGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        // lmdbjava reads buffer addresses through sun.misc.Unsafe; allowed, without a warning on every start.
        "--sun-misc-unsafe-memory-access=allow");

    @Override
    public List<String> jvmArgs() {
        return JVM_ARGS;
    }

    /** LMDB maps and writes its file from native code, out of sight of java.nio. */
    @Override
    public boolean filesThroughNio() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LMDB (lmdbjava): mmapped copy-on-write B+tree, single writer, sync at checkpoint or group commit";
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        final var durability = context.spec().requirements().durability();
        if (durability.level() == io.jitskit.spec.Durability.Level.COMMIT && durability.groupCommitInterval().isZero()) {
            return NAME + " cannot give commit with a zero group-commit interval: reads advance serials too, and "
                + "recording each one durably would take a synced write per read; give the card an interval";
        }
        // LMDB reads through the page cache of its mapped file and has no cache of its own to bound; the budget
        // counts those pages, so the data must fit the usable bytes.
        final long keys = context.spec().workload().keyCount();
        return Fit.memory(NAME, context, LmdbStore.dataBytes(context.spec()),
            keys + " keys in a B+tree read through the page cache (mmap), no own cache to bound");
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        // Checked here, in the JVM that runs the store, not in unsupportedReason: a harness deciding whether the
        // store can serve a card runs elsewhere and starts the store's JVM with jvmArgs().
        final Module base = Buffer.class.getModule();
        final Module lmdbjava = org.lmdbjava.Env.class.getModule();
        if (!base.isOpen("java.nio", lmdbjava) || !base.isExported("sun.nio.ch", lmdbjava)) {
            throw new UnsupportedOperationException(NAME + " needs the JVM flags " + String.join(" ", JVM_ARGS)
                + " (lmdbjava reads direct buffer addresses through JDK internals); start the store's JVM with "
                + "LmdbProvider.JVM_ARGS");
        }
        return LmdbStore.open(NAME, context);
    }
}
