package io.jitskit.synth.engine;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A provider that synthesizes just in time: for each spec it is asked to open, it derives a {@link Design}, generates
 * the store, compiles it and loads the jar through {@link io.jitskit.api.StoreFactory#fromJar}, then delegates.
 * Compiled stores are cached per spec (ignoring the storage directory, which no design reads).
 *
 * <p>This is how the engine runs under the store contract suite, whose tests vary value sizes and durability; a
 * single generated store serves exactly the card it was generated for.
 */
public final class JitInMemoryProvider implements StoreProvider {

    private final Path workDir;
    private final Function<Spec, Design> designer;
    private final Map<Spec, CompiledStore> compiled = new ConcurrentHashMap<>();
    private final Map<Spec, StoreProvider> loaded = new ConcurrentHashMap<>();

    /** Initial designs ({@link Design#initial}), compiled under a fresh temporary directory. */
    public JitInMemoryProvider() {
        this(temporaryDirectory(), Design::initial);
    }

    /**
     * @param workDir  where sources, classes and jars go
     * @param designer the design for a spec, e.g. {@code spec -> Design.initial(spec).withInlineValues(false)}
     */
    public JitInMemoryProvider(final Path workDir, final Function<Spec, Design> designer) {
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.designer = Objects.requireNonNull(designer, "designer");
    }

    @Override
    public String name() {
        return "jit-inmemory";
    }

    @Override
    public String description() {
        return "in-memory stores synthesized per spec by jitskit-synth's offline engine";
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        final Design design;
        try {
            design = designer.apply(context.spec());
        } catch (final DesignException e) {
            return e.getMessage();
        }
        if (!design.problems().isEmpty()) {
            return String.join("; ", design.problems());
        }
        try {
            return provider(context.spec()).unsupportedReason(context);
        } catch (final StoreLoadException e) {
            return e.getMessage();
        }
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        try {
            return provider(context.spec()).open(context);
        } catch (final StoreLoadException | DesignException e) {
            throw new StoreException(name() + " cannot synthesize a store for " + context.spec().name() + ": "
                + e.getMessage(), e);
        }
    }

    /** The compiled store for {@code spec}, compiling it on first use. */
    public CompiledStore compiled(final Spec spec) {
        return compiled.computeIfAbsent(cacheKey(spec), s -> {
            try {
                return StoreCompiler.compile(StoreSourceGenerator.generate(s, designer.apply(s)), workDir);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private StoreProvider provider(final Spec spec) throws StoreLoadException {
        final Spec key = cacheKey(spec);
        final StoreProvider existing = loaded.get(key);
        if (existing != null) {
            return existing;
        }
        final StoreProvider fresh = compiled(key).load();
        final StoreProvider raced = loaded.putIfAbsent(key, fresh);
        return raced != null ? raced : fresh;
    }

    private static Spec cacheKey(final Spec spec) {
        return new Spec(spec.name(), null, spec.environment().withStorageDir(null), spec.workload(),
            spec.requirements());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("jitskit-jit-stores");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
