package io.jitskit.api;

import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opening a store from plain Java: the entry point for an application that embeds a store, with no CLI or harness.
 *
 * <pre>{@code
 * try (Store store = Stores.open(Path.of("card.yaml"), "reference", Path.of("data"))) {
 *     try (Session session = store.openSession(0)) {   // one session per thread, never shared
 *         session.upsert(key, value);
 *     }
 *     store.checkpoint();                               // durable cards only: what survives a crash
 * }                                                     // close does not checkpoint
 * }</pre>
 *
 * <p>It does what {@code jitskit serve} does before it serves: parse and validate the card, find the store (by name
 * on the class path, or a store jar loaded in its own class loader that sees only {@code io.jitskit.api},
 * {@code io.jitskit.spec} and the JDK), refuse a card the store cannot serve with the store's own reason, and open it
 * in the data directory, recovering the state found there. It lives in the SPI module because it needs nothing else:
 * an application depends on {@code jitskit-api} (plus {@code jitskit-stores} for the built-in stores by name).
 */
public final class Stores {

    private Stores() {
    }

    /**
     * Opens the store {@code storeNameOrJar} for the card {@code cardYaml} in {@code dataDir}.
     *
     * @param cardYaml       a spec card (YAML), validated as {@code jitskit spec validate} does
     * @param storeNameOrJar a store name on the class path ({@code reference}) or the path of a store jar
     * @param dataDir        the directory the store owns, created if absent; state found there is recovered
     * @return the open store; the caller closes it
     * @throws StoreLoadException when the card is invalid, the store unknown or unloadable, or unable to serve the card
     * @throws IOException        when the store fails to open in {@code dataDir}
     */
    public static Store open(final Path cardYaml, final String storeNameOrJar, final Path dataDir)
        throws StoreLoadException, IOException {
        final Spec spec;
        try {
            spec = SpecParser.parse(cardYaml);
        } catch (final SpecException e) {
            throw new StoreLoadException(e.getMessage(), e);
        }
        return open(spec, storeNameOrJar, dataDir);
    }

    /** Opens the store {@code storeNameOrJar} for an already parsed card; see {@link #open(Path, String, Path)}. */
    public static Store open(final Spec spec, final String storeNameOrJar, final Path dataDir)
        throws StoreLoadException, IOException {
        final StoreProvider provider = StoreFactory.find(storeNameOrJar);
        Files.createDirectories(dataDir);
        final StoreContext context = new StoreContext(spec, dataDir);
        // Asked before opening: a store that cannot give the card's durability or operations must say so, never run
        // with a weaker guarantee than the card asks for.
        final String unsupported = provider.unsupportedReason(context);
        if (unsupported != null) {
            throw new StoreLoadException("store " + provider.name() + " cannot serve card " + spec.name() + ": "
                + unsupported);
        }
        return provider.open(context);
    }
}
