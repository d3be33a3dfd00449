package io.jitskit.agents.config;

import io.jitskit.agents.AgentSetupException;
import io.jitskit.agents.model.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agents' settings: the environment first, then the config file.
 *
 * <pre>
 * # ~/.config/jitskit/agents.properties
 * anthropic.api_key=sk-ant-...        # or ANTHROPIC_API_KEY
 * anthropic.base_url=https://api.anthropic.com   # or ANTHROPIC_BASE_URL
 * anthropic.model=claude-sonnet-4-5
 * openai.api_key=sk-...               # or OPENAI_API_KEY
 * openai.base_url=http://localhost:8000/v1       # or OPENAI_BASE_URL (vLLM, Ollama, llama.cpp)
 * openai.model=gpt-4o
 * price.my-local-model=0,0            # USD per million input, output tokens
 * </pre>
 *
 * <p>Keys are read from nowhere else: not from spec cards, and a config file inside the run directory is refused, so
 * a key can never be copied along with a run.
 */
public final class AgentConfig {

    public static final String ANTHROPIC_KEY = "ANTHROPIC_API_KEY";
    public static final String OPENAI_KEY = "OPENAI_API_KEY";

    private static final Set<String> KEYS = Set.of("anthropic.api_key", "anthropic.base_url", "anthropic.model",
        "openai.api_key", "openai.base_url", "openai.model");

    private final Map<String, String> env;
    private final Map<String, String> file;
    private final Path fileName;
    private final PriceTable prices;

    private AgentConfig(final Map<String, String> env, final Map<String, String> file, final Path fileName,
                        final PriceTable prices) {
        this.env = env;
        this.file = file;
        this.fileName = fileName;
        this.prices = prices;
    }

    /** {@code ~/.config/jitskit/agents.properties}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".config", "jitskit", "agents.properties");
    }

    /**
     * @param env     the environment ({@code System.getenv()})
     * @param file    the config file; it may be absent
     * @param runDir  the run directory, which must not hold the config file
     * @throws AgentSetupException naming the file and line of a bad entry
     */
    public static AgentConfig load(final Map<String, String> env, final Path file, final Path runDir)
        throws AgentSetupException {
        final Path abs = file.toAbsolutePath().normalize();
        if (runDir != null && abs.startsWith(runDir.toAbsolutePath().normalize())) {
            throw new AgentSetupException(file + ": a config file with keys must not live in the run directory "
                + runDir + "; move it to " + defaultFile());
        }
        final Map<String, String> values = new HashMap<>();
        final Map<String, PriceTable.Price> prices = new HashMap<>(PriceTable.defaults());
        if (Files.isRegularFile(file)) {
            final List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new AgentSetupException(file + ": cannot read (" + e.getMessage() + ")");
            }
            for (int i = 0; i < lines.size(); i++) {
                final String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                final int eq = line.indexOf('=');
                final String where = file + ":" + (i + 1) + ": ";
                if (eq <= 0) {
                    throw new AgentSetupException(where + "expected key=value, e.g. anthropic.api_key=...");
                }
                final String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                final String value = line.substring(eq + 1).strip();
                if (key.startsWith("price.")) {
                    prices.put(line.substring(6, eq).strip(), price(value, where));
                } else if (KEYS.contains(key)) {
                    values.put(key, value);
                } else {
                    throw new AgentSetupException(where + "unknown setting '" + key + "'; known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ", price.<model>");
                }
            }
        }
        return new AgentConfig(Map.copyOf(env), Map.copyOf(values), file, new PriceTable(prices));
    }

    private static PriceTable.Price price(final String value, final String where) throws AgentSetupException {
        final String[] f = value.split(",");
        try {
            if (f.length == 2) {
                final double in = Double.parseDouble(f[0].strip());
                final double out = Double.parseDouble(f[1].strip());
                if (in >= 0 && out >= 0) {
                    return new PriceTable.Price(in, out);
                }
            }
        } catch (final NumberFormatException e) {
            // Reported below with the expected form.
        }
        throw new AgentSetupException(where + "price '" + value + "': expected USD per million input and output "
            + "tokens, e.g. price.claude-sonnet-4-5=3,15");
    }

    public PriceTable prices() {
        return prices;
    }

    /** A redactor that knows every key this config holds. */
    public Redactor redactor() {
        final List<String> secrets = new ArrayList<>();
        for (final String k : List.of(ANTHROPIC_KEY, OPENAI_KEY)) {
            secrets.add(env.get(k));
        }
        secrets.add(file.get("anthropic.api_key"));
        secrets.add(file.get("openai.api_key"));
        return new Redactor(secrets);
    }

    /**
     * @param model the model to use, or null for the configured one or the default
     * @throws AgentSetupException when no key is set, in one line naming what to set
     */
    public ProviderSettings anthropic(final String model) throws AgentSetupException {
        final String key = first(env.get(ANTHROPIC_KEY), file.get("anthropic.api_key"));
        if (key == null) {
            throw new AgentSetupException(missingKey(ANTHROPIC_KEY, "anthropic.api_key"));
        }
        return new ProviderSettings("anthropic",
            first(env.get("ANTHROPIC_BASE_URL"), file.get("anthropic.base_url"), "https://api.anthropic.com"),
            key, ANTHROPIC_KEY, first(model, file.get("anthropic.model"), "claude-sonnet-4-5"));
    }

    /**
     * A key is required for the default endpoint; a local server at another base URL (vLLM, Ollama) may go without.
     *
     * @throws AgentSetupException when the default endpoint is used without a key
     */
    public ProviderSettings openai(final String model) throws AgentSetupException {
        final String key = first(env.get(OPENAI_KEY), file.get("openai.api_key"));
        final String base = first(env.get("OPENAI_BASE_URL"), file.get("openai.base_url"), "https://api.openai.com/v1");
        if (key == null && base.contains("api.openai.com")) {
            throw new AgentSetupException(missingKey(OPENAI_KEY, "openai.api_key")
                + " (or set OPENAI_BASE_URL to a local server such as http://localhost:8000/v1)");
        }
        return new ProviderSettings("openai", base, key, OPENAI_KEY, first(model, file.get("openai.model"),
            "gpt-4o"));
    }

    private String missingKey(final String variable, final String property) {
        return variable + " is not set: export " + variable + "=<your key>, or put " + property
            + "=<your key> in " + fileName;
    }

    private static String first(final String... values) {
        for (final String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
