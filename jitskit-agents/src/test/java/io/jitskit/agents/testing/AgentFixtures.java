package io.jitskit.agents.testing;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.StoreSourceGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/** What the agents' tests share: a small card, the known-good source the recorded coder writes, a config file. */
public final class AgentFixtures {

    /** The key the replay servers accept; never a real key. */
    public static final String KEY = "sk-ant-test-0123456789abcdef";

    private AgentFixtures() {
    }

    /** A card small enough for a gate and a benchmark in seconds: 20 000 keys, 100-byte values, no durability. */
    public static Path tinySpec(final Path dir) throws IOException {
        final Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
            name: tiny
            environment:
              memory-budget: 256MiB
              threads: 2
            workload:
              keys: {count: 20000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
              run: {duration: 1s}
            requirements:
              operations: [read, upsert, rmw, delete]
              durability: none
            """);
        return file;
    }

    /**
     * The placeholders the recorded coder fills: {@code path:<File>.java} (its workspace path), {@code source:<File>}
     * (the engine's known-good text for this card) and {@code provider}.
     */
    public static Map<String, String> engineFills(final Spec spec) {
        final GeneratedStore g = StoreSourceGenerator.generate(spec, Design.initial(spec));
        final Map<String, String> fills = new HashMap<>();
        g.sources().forEach((path, text) -> {
            final String name = path.substring(path.lastIndexOf('/') + 1);
            fills.put("path:" + name, "src/" + path);
            fills.put("source:" + name, text);
        });
        fills.put("provider", g.providerClassName());
        return fills;
    }

    /** An {@code agents.properties} pointing {@code provider} at {@code baseUrl} with {@code key}. */
    public static Path config(final Path dir, final String provider, final String baseUrl, final String key,
                              final String... extraLines) throws IOException {
        final StringBuilder sb = new StringBuilder("# written by a test\n");
        sb.append(provider).append(".base_url=").append(baseUrl).append('\n');
        if (key != null) {
            sb.append(provider).append(".api_key=").append(key).append('\n');
        }
        for (final String line : extraLines) {
            sb.append(line).append('\n');
        }
        final Path file = dir.resolve("agents.properties");
        Files.writeString(file, sb);
        return file;
    }

    /**
     * {@code sh <fake-agent.sh> <mode> {prompt}}: the fake coding agent as a command template. The script and its
     * recorded results are copied to {@code dir} first, since a test jar's resources are not files.
     */
    public static String fakeAgentCommand(final String mode, final Path dir) throws IOException {
        final Path home = Files.createDirectories(dir.resolve("fake-agent"));
        for (final String name : new String[] {"fake-agent.sh", "claude-result.json", "claude-error.json"}) {
            try (InputStream in = AgentFixtures.class.getResourceAsStream("/recordings/cli/" + name)) {
                if (in == null) {
                    throw new IOException("the fake agent's " + name + " is not on the test class path");
                }
                Files.copy(in, home.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return "sh '" + home.resolve("fake-agent.sh") + "' " + mode + " {prompt}";
    }
}
