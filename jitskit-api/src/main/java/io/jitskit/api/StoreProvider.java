package io.jitskit.api;

import java.io.IOException;
import java.util.List;

/**
 * Opens stores of one kind. Registered with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.jitskit.api.StoreProvider}, in the project or in a store jar.
 */
public interface StoreProvider {

    /** The name the CLI and reports use, e.g. {@code reference}. */
    String name();

    /** One line on what the store is. */
    String description();

    /**
     * Why this store cannot serve {@code context}'s spec (a durability it cannot give, an operation it lacks), or
     * {@code null} when it can.
     */
    default String unsupportedReason(final StoreContext context) {
        return null;
    }

    /**
     * JVM options the store needs in the JVM that runs it (module opens for a native library, say). The harness adds
     * them to every child JVM it starts for this store.
     */
    default List<String> jvmArgs() {
        return List.of();
    }

    /**
     * Whether the store does all its file I/O through {@link java.nio.file.Path}s under the context's data directory,
     * so that the gate's lossy file layer sees every write and can drop, after a kill, what was never fsynced. Stores
     * that write through native code or another process say false; their crash tests then run without that fault.
     */
    default boolean filesThroughNio() {
        return true;
    }

    /**
     * Whether the store keeps nothing by design, so that a benchmark of it measures the harness's own ceiling
     * ({@code noop}). {@code jitskit bench} then counts its reads of loaded keys as misses instead of failing the run;
     * the gate and comparisons still fail it, since it holds no data.
     */
    default boolean keepsNothing() {
        return false;
    }

    /** Opens the store, recovering durable state found in the data directory. */
    Store open(StoreContext context) throws IOException;
}
