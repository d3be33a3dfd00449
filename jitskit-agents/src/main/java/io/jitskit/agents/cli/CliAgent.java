package io.jitskit.agents.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.agents.model.Redactor;
import io.jitskit.agents.model.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a coding agent once: {@code {prompt}} in the template becomes one argument holding the prompt,
 * {@code {workspace}} the workspace path; quotes group words into one argument.
 *
 * <p>Output: a JSON object as Claude Code prints with {@code --output-format json} ({@code result}, {@code is_error},
 * {@code total_cost_usd}, {@code usage.input_tokens}, {@code usage.output_tokens}, {@code num_turns}); or, for an
 * agent that prints plain text, the text with no usage. Output that starts like JSON but does not parse is an error,
 * as is {@code is_error: true}, a non-zero exit, or running past the timeout (the agent is then killed).
 */
public final class CliAgent {

    /** Claude Code, non-interactive, JSON result, allowed to edit files in its working directory. */
    public static final String CLAUDE = "claude -p --output-format json --permission-mode acceptEdits {prompt}";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param text    the agent's final answer
     * @param costUsd what the agent reported it cost, 0 when it did not say
     * @param usage   tokens it reported
     * @param turns   its turns, 0 when not reported
     */
    public record Result(String text, double costUsd, Usage usage, int turns) { }

    private final String template;
    private final Duration timeout;
    private final Redactor redactor;

    public CliAgent(final String template, final Duration timeout, final Redactor redactor) {
        if (!template.contains("{prompt}")) {
            throw new IllegalArgumentException("agent command '" + template + "' has no {prompt}; e.g. " + CLAUDE);
        }
        this.template = template;
        this.timeout = timeout;
        this.redactor = redactor;
    }

    /** Runs the agent in {@code workspace}. */
    public Result run(final String prompt, final Path workspace) throws IOException {
        final List<String> command = new ArrayList<>();
        for (final String word : split(template)) {
            command.add(word.equals("{prompt}") ? prompt : word.replace("{workspace}", workspace.toString()));
        }
        final Process p;
        try {
            p = new ProcessBuilder(command).directory(workspace.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        } catch (final IOException e) {
            throw new IOException("cannot run agent '" + command.getFirst() + "': " + e.getMessage() + "; install it "
                + "or give another --agent-command");
        }
        p.getOutputStream().close();
        final CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        final CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("agent '" + command.getFirst() + "' ran past " + timeout.toMinutes()
                    + " min and was killed");
            }
            final String stdout = new String(out.get(), StandardCharsets.UTF_8).strip();
            final String stderr = new String(err.get(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IOException(clean("agent '" + command.getFirst() + "' exited with " + p.exitValue() + ": "
                    + tail(stderr.isEmpty() ? stdout : stderr)));
            }
            return parse(stdout, command.getFirst());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while agent '" + command.getFirst() + "' ran");
        } catch (final ExecutionException e) {
            throw new IOException("cannot read agent output: " + e.getCause());
        }
    }

    Result parse(final String stdout, final String agent) throws IOException {
        if (!stdout.startsWith("{")) {
            return new Result(stdout, 0, Usage.NONE, 0);
        }
        final JsonNode root;
        try {
            root = JSON.readTree(stdout);
        } catch (final IOException e) {
            throw new IOException(clean("agent '" + agent + "' printed malformed JSON: " + tail(stdout)));
        }
        final String text = root.path("result").asText("");
        if (root.path("is_error").asBoolean(false) || "error".equals(root.path("subtype").asText())) {
            throw new IOException(clean("agent '" + agent + "' reported an error (" + root.path("subtype").asText()
                + "): " + tail(text)));
        }
        final JsonNode usage = root.path("usage");
        final double cost = root.has("total_cost_usd") ? root.path("total_cost_usd").asDouble()
            : root.path("cost_usd").asDouble(0);
        return new Result(text, cost, new Usage(usage.path("input_tokens").asLong()
            + usage.path("cache_creation_input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong(),
            usage.path("output_tokens").asLong()), root.path("num_turns").asInt(0));
    }

    /** Splits on white space; single or double quotes group. */
    public static List<String> split(final String template) {
        final List<String> words = new ArrayList<>();
        final StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (final char c : template.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !w.isEmpty()) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
            }
        }
        if (any || !w.isEmpty()) {
            words.add(w.toString());
        }
        return words;
    }

    private static byte[] drain(final java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (final IOException e) {
            return new byte[0];
        }
    }

    private String clean(final String s) {
        return redactor.apply(s).replace('\n', ' ');
    }

    private static String tail(final String s) {
        final String one = s.replace('\n', ' ').strip();
        return one.length() <= 300 ? one : "..." + one.substring(one.length() - 300);
    }
}
