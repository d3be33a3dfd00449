package io.jitskit.baselines.chronicle;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.Fit;
import io.jitskit.spec.Durability;
import java.util.List;

/** Opens {@link ChronicleMapStore}s: store name {@code chronicle-map}. Durability none only. */
public final class ChronicleMapProvider implements StoreProvider {

    public static final String NAME = "chronicle-map";

    /**
     * The smallest set of JVM flags Chronicle Map 2026.1 needs on JDK 25, found by removing flags one at a time
     * from the set its documentation lists: it defines generated classes through {@code ClassLoader.defineClass},
     * compiles them with javac's file manager, reads file descriptors of {@code FileChannelImpl}, and disables its
     * analytics ping (which would try the network).
     */
    public static final List<String> JVM_ARGS = List.of(
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "--sun-misc-unsafe-memory-access=allow");

    @Override
    public List<String> jvmArgs() {
        return JVM_ARGS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Chronicle Map: off-heap segmented hash map, in memory, durability none";
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        final String durability = Fit.durability(NAME, context, Durability.none(),
            "a persisted map is a live mmap whose file already holds writes after any checkpoint, with no "
                + "multi-key atomicity to tie serials to them");
        if (durability != null) {
            return durability;
        }
        final long keys = context.spec().workload().keyCount();
        if (keys == 0) {
            // A trace card that leaves the count to the trace: the map's segments are sized once, at creation,
            // and overflow with an exception past a few tiers.
            return NAME + " sizes its segments from the key count at creation, and "
                + context.spec().name() + " leaves the count to the trace; declare workload.keys.count";
        }
        return Fit.memory(NAME, context, ChronicleMapStore.offHeapBytes(context.spec()),
            keys + " entries off-heap (key, value, entry header, segment tiers)");
    }

    /** Whether the JVM was started with the module flags of {@link #JVM_ARGS}. */
    static boolean flagsPresent() {
        final Module base = Object.class.getModule();
        final Module us = ChronicleMapProvider.class.getModule();
        final Module compiler = ModuleLayer.boot().findModule("jdk.compiler").orElse(null);
        return base.isOpen("java.lang", us) && base.isOpen("java.lang.reflect", us)
            && base.isExported("sun.nio.ch", us)
            && compiler != null && compiler.isExported("com.sun.tools.javac.file", us);
    }

    @Override
    public Store open(final StoreContext context) {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        // Checked here, in the JVM that runs the store, not in unsupportedReason: a harness deciding whether the
        // store can serve a card runs elsewhere and starts the store's JVM with jvmArgs().
        if (!flagsPresent()) {
            throw new UnsupportedOperationException(NAME + " needs the JVM flags " + String.join(" ", JVM_ARGS)
                + " on JDK 25; start the store's JVM with ChronicleMapProvider.JVM_ARGS");
        }
        return new ChronicleMapStore(NAME, context);
    }
}
