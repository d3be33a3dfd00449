package io.jitskit.gate;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store a gate run judges, with everything a check needs around it: the gate's spec (the card's, with the key
 * count scaled to the level), the hidden seed's {@link Workbench}, a run directory for data and reproducers.
 *
 * <p>Thread-safe: checks may open several stores (each on its own data directory) and save reproducers
 * concurrently.
 */
public final class StoreUnderTest {

    private final String ref;
    private final StoreProvider provider;
    private final Spec spec;
    private final GateLevel level;
    private final Path runDir;
    private final Workbench bench;
    private final AtomicInteger dataDirs;
    /** A store already open that {@link #open} lends instead of opening one (see {@link #onOpenStore}), or null. */
    private final Store lent;

    /**
     * @param ref      what names the store (name, jar, or provider class), passed on to child JVMs
     * @param provider the provider {@code ref} names, loaded in this JVM
     * @param spec     the gate's spec: the card's, scaled to the level
     * @param level    quick or full
     * @param runDir   where data directories and reproducers go
     * @param seed     the hidden seed
     */
    public StoreUnderTest(final String ref, final StoreProvider provider, final Spec spec, final GateLevel level,
                          final Path runDir, final long seed) {
        this.ref = ref;
        this.provider = provider;
        this.spec = spec;
        this.level = level;
        this.runDir = runDir;
        this.bench = new Workbench(spec, seed);
        this.dataDirs = new AtomicInteger();
        this.lent = null;
    }

    private StoreUnderTest(final StoreUnderTest base, final Store lent) {
        this.ref = base.ref;
        this.provider = base.provider;
        this.spec = base.spec;
        this.level = base.level;
        this.runDir = base.runDir;
        this.bench = base.bench;
        this.dataDirs = base.dataDirs;
        this.lent = lent;
    }

    /**
     * The same store under test, whose every {@link #open} lends {@code store} (closing the loan leaves it open): the
     * checks run on a store that has already lived, as the gate at the horizon needs.
     */
    public StoreUnderTest onOpenStore(final Store store) {
        return new StoreUnderTest(this, store);
    }

    public String ref() {
        return ref;
    }

    public StoreProvider provider() {
        return provider;
    }

    public Spec spec() {
        return spec;
    }

    public GateLevel level() {
        return level;
    }

    public Path runDir() {
        return runDir;
    }

    public Workbench workbench() {
        return bench;
    }

    /** The spec a store on {@code dataDir} is opened with: the gate's, with that storage directory. */
    public Spec specFor(final Path dataDir) {
        return spec.withEnvironment(spec.environment().withStorageDir(dataDir));
    }

    /** A fresh, empty data directory under the run directory, named after {@code purpose}. */
    public Path newDataDir(final String purpose) throws IOException {
        final Path dir = runDir.resolve("data").resolve(purpose + "-" + dataDirs.incrementAndGet());
        Files.createDirectories(dir);
        return dir;
    }

    /** The gate's spec as a file in the run directory, for child JVMs (written on first use). */
    public synchronized Path specFile() throws IOException {
        final Path file = runDir.resolve("gate-spec.yaml");
        if (!Files.exists(file)) {
            Files.createDirectories(runDir);
            Files.writeString(file, SpecWriter.toYaml(spec), StandardCharsets.UTF_8);
        }
        return file;
    }

    /** Opens the store on {@code dataDir}, recovering whatever it holds. */
    public Store open(final Path dataDir) throws IOException {
        return lent != null ? new Lent(lent) : provider.open(new StoreContext(specFor(dataDir), dataDir));
    }

    /** A lent store: every call but {@code close} goes to it. */
    private record Lent(Store store) implements Store {
        @Override
        public io.jitskit.api.Session openSession(final int sessionId) {
            return store.openSession(sessionId);
        }

        @Override
        public io.jitskit.api.Checkpoint checkpoint() throws IOException {
            return store.checkpoint();
        }

        @Override
        public io.jitskit.api.Recovery recovery() {
            return store.recovery();
        }

        @Override
        public io.jitskit.api.StoreInfo info() {
            return store.info();
        }

        @Override
        public java.util.Optional<io.jitskit.api.StoreMetrics> metrics() {
            return store.metrics();
        }

        @Override
        public void close() {
        }
    }

    /**
     * Saves a failure's reproducer (seed, keys, operations) as {@code reproducers/<check>.txt} in the run directory.
     *
     * @return the file's path, for the one line that names it
     */
    public String saveReproducer(final String check, final String text) throws IOException {
        final Path dir = runDir.resolve("reproducers");
        Files.createDirectories(dir);
        final Path file = dir.resolve(check + ".txt");
        final String header = "check: " + check + "\nstore: " + ref + "\nspec: " + spec.name() + "\nlevel: "
            + level.name() + "\nseed: " + bench.seed() + "\n";
        Files.writeString(file, header + text + (text.endsWith("\n") ? "" : "\n"), StandardCharsets.UTF_8);
        return file.toString();
    }
}
