package io.jitskit.api;

import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a provider is given to open a store.
 *
 * @param spec    the spec the store serves; it may rely on every field
 * @param dataDir a directory the store owns; state found there is recovered
 */
public record StoreContext(Spec spec, Path dataDir) {

    public StoreContext {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
