package io.jitskit.agents.roles;

import io.jitskit.agents.workspace.Workspace;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.loop.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a coder's workspace starts with: the engine's source when the plan is one of the engine's designs (a model
 * improves on generated code), else the best store so far ({@code best/src} of the run), else nothing.
 */
public final class Seeding {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PROVIDER = Pattern.compile(
        "(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)[^{]*\\bimplements\\b[^{]*\\bStoreProvider\\b");

    private Seeding() {
    }

    /**
     * Seeds {@code workspace} for {@code plan}.
     *
     * @return the provider class of the seeded sources, or null when it starts empty
     */
    public static String seed(final Workspace workspace, final Plan plan, final Spec spec, final Path runDir)
        throws IOException {
        GeneratedStore engine = null;
        try {
            engine = plan.blueprint().generate(spec);
        } catch (final RuntimeException e) {
            // Not an engine design (or one the engine cannot generate): fall back to the best store so far.
        }
        if (engine != null) {
            workspace.seed(engine.sources());
            return engine.providerClassName();
        }
        final Path best = runDir.resolve("best").resolve("src");
        if (!Files.isDirectory(best)) {
            return null;
        }
        final Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(best)) {
            for (final Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(best.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        workspace.seed(sources);
        return providerOf(sources);
    }

    /** The fully qualified class that implements {@code StoreProvider} in {@code sources}, or null. */
    public static String providerOf(final Map<String, String> sources) {
        for (final String text : sources.values()) {
            final Matcher m = PROVIDER.matcher(text);
            if (m.find()) {
                final Matcher p = PACKAGE.matcher(text);
                return p.find() ? p.group(1) + "." + m.group(1) : m.group(1);
            }
        }
        return null;
    }
}
