package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command README.md shows (the set-up lines, the command table, the examples) runs, so the README cannot drift
 * from the code: each {@code jitskit} line must parse, and must exit 0 when run in a smoke mode (quick cards, one
 * iteration, one-second runs, every optional flag of a table row given, placeholders filled, run directories in a
 * temporary directory). Lines that need the network and a key ({@code --agent anthropic|openai}) are parsed only; a
 * coding agent ({@code --agent cli}) is played by the fake agent of the agents' tests.
 */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path README = ROOT.resolve("README.md");
    private static final String QUICK_CARD = "specs/ycsb-a-mem-quick.yaml";

    /** Smoke values of the table's placeholders, by name; FILE, DIR, OUT and NAME|JAR depend on the command. */
    private static final Map<String, String> PLACEHOLDERS = Map.of(
        "N", "1", "S", "1", "ID", "readme-import", "quick|full", "quick", "a,b,c", "reference,chm@none",
        "PORT", "0", "ADDR", "127.0.0.1", "PW", "readme-smoke-password", "B", "0.005");

    @TempDir
    static Path dir;

    /** The last run directory a command wrote, for {@code jitskit report DIR}. */
    private static Path lastRunDir;

    /** The smoke runs made so far, by what they run (their arguments but paths), each with the line that made it. */
    private static final Map<List<String>, Shown> RUNS = new java.util.HashMap<>();

    /** One command as the README shows it. */
    record Shown(int line, String where, String text) {
        @Override
        public String toString() {
            return "README.md:" + line + " (" + where + "): " + text;
        }
    }

    @Test
    void theReadmeShowsTheSetUpLinesTheTableAndTheExamples() throws IOException {
        final List<Shown> shown = readme();
        assertTrue(shown.stream().anyMatch(s -> s.where.equals("set-up") && s.text.startsWith("bin/test")));
        assertTrue(shown.stream().anyMatch(s -> s.where.equals("set-up") && s.text.startsWith("./jitskit synth")));
        final Set<String> table = new LinkedHashSet<>();
        shown.stream().filter(s -> s.where.equals("command table")).forEach(s -> table.add(subcommand(s.text)));
        final Set<String> cli = new java.util.TreeSet<>();
        new picocli.CommandLine(new Jitskit()).getSubcommands().forEach((name, command) -> {
            final Set<String> nested = new java.util.TreeSet<>(command.getSubcommands().keySet());
            nested.remove("help");
            if (name.equals("help") || command.getCommandSpec().usageMessage().hidden()) {
                // A hidden command is the tool's own (a child process's entry point), not one a user types.
                return;
            }
            if (nested.isEmpty()) {
                cli.add(name);
            } else {
                nested.forEach(n -> cli.add(name + " " + n));
            }
        });
        assertEquals(cli, new java.util.TreeSet<>(table), "every command of the CLI has its row");
        assertTrue(shown.stream().filter(s -> s.where.equals("example")).count() >= 4, shown.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyCommandTheReadmeShowsRunsInASmokeMode() throws IOException {
        return readme().stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> run(s)));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandOfTheTableHasHelp() throws IOException {
        return readme().stream().filter(s -> s.where.equals("command table")).map(s -> subcommand(s.text))
            .distinct().map(c -> DynamicTest.dynamicTest("jitskit " + c + " --help", () -> {
                final List<String> args = new ArrayList<>(List.of(c.split(" ")));
                args.add("--help");
                assertEquals(0, Jitskit.run(args.toArray(String[]::new)));
            }));
    }

    static void run(final Shown shown) throws Exception {
        final List<String> words = shellWords(shown.text);
        if (words.getFirst().startsWith("bin/")) {
            // bin/test is the command this test runs inside; that it exists and runs is what running it shows.
            assertTrue(Files.isExecutable(ROOT.resolve(words.getFirst())), shown + ": not an executable script");
            return;
        }
        assertTrue(words.getFirst().equals("./jitskit") || words.getFirst().equals("jitskit"), shown.toString());
        final List<String> args = smoke(shown, words.subList(1, words.size()));
        try {
            new CommandLine(new Jitskit()).parseArgs(args.toArray(String[]::new));
        } catch (final CommandLine.ParameterException e) {
            fail(shown + ": does not parse: " + e.getMessage());
        }
        final int agent = args.indexOf("--agent");
        if (agent >= 0) {
            // Parsed above. Running it needs the network and a key, or a coding agent on PATH; SynthesizeAgentTest
            // runs every agent kind end to end (the two wires replayed, a scripted coding agent), so a smoke run
            // here would repeat one of those syntheses.
            return;
        }
        final Shown same = RUNS.putIfAbsent(withoutPaths(args), shown);
        if (same != null) {
            // Parsed above; its smoke run would repeat that of an earlier line (a synthesis takes a minute or more).
            return;
        }
        if (subcommand(String.join(" ", args)).equals("serve")) {
            assertEquals(0, serveSmoke(args), shown + " as " + String.join(" ", args));
            return;
        }
        assertEquals(0, Jitskit.run(args.toArray(String[]::new)), shown + " as " + String.join(" ", args));
        if (args.contains("--out")) {
            lastRunDir = Path.of(args.get(args.indexOf("--out") + 1));
        }
    }

    /** The arguments in order-free form without the values that are only where a run reads or writes. */
    private static List<String> withoutPaths(final List<String> args) {
        final List<String> key = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            key.add(args.get(i));
            if (Set.of("--out", "--spec", "--agent-command", "--agent-config").contains(args.get(i))) {
                i++;
            }
        }
        return key.stream().sorted().toList();
    }

    /** The command's arguments with placeholders filled and the smoke settings added. */
    private static List<String> smoke(final Shown shown, final List<String> words) throws IOException {
        final String command = subcommand(String.join(" ", words));
        final List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            args.add(fill(shown, command, i == 0 ? "" : words.get(i - 1), words.get(i)));
        }
        final Path out = Files.createTempDirectory(dir, command.replace(' ', '-')).resolve("run");
        switch (command) {
            case "bench" -> setDefault(args, "--duration", "1");
            case "soak" -> {
                // The card's run once, into the test's directory: a soak's --out is where its files go; the
                // reclamation soak writes a smoke's share of a budget (B).
            }
            case "serve" -> {
                // A free port, a fresh data directory, and the port written where serveSmoke finds it.
                set(args, "--port", "0");
                set(args, "--data", out.resolveSibling("data").toString());
                set(args, "--port-file", out.resolveSibling("port").toString());
                return args;
            }
            case "check" -> setDefault(args, "--only", "read-after-write");
            case "floor" -> {
                // Two short runs over a small table: the smoke shows the command works, not the machine's floor.
                set(args, "--runs", "2");
                set(args, "--duration", "0.2");
                set(args, "--mib", "16");
                return args;
            }
            case "compare" -> {
                setDefault(args, "--runs", "1");
                setDefault(args, "--duration", "1");
            }
            case "synthesize" -> {
                set(args, "--iterations", "1");
                setDefault(args, "--bench-seconds", "1");
                setDefault(args, "--compare-seconds", "1");
                setDefault(args, "--peers", "chm");
            }
            default -> {
                return args;
            }
        }
        if (!args.contains("--out")) {
            args.add("--out");
            args.add(out.toString());
        }
        return args;
    }

    /** One word of a command with its placeholder filled: a card, a directory, a file or a value. */
    private static String fill(final Shown shown, final String command, final String previous, final String word)
        throws IOException {
        if (word.equals("FILE") || word.equals("FILE...")) {
            return command.equals("spec import-ycsb") ? ycsbFile().toString() : ROOT.resolve(QUICK_CARD).toString();
        }
        if (word.equals("PATH")) {
            return Files.createTempDirectory(dir, "path").resolve("file").toString();
        }
        if (word.equals("DIR")) {
            if (previous.equals("--out") || previous.equals("--data")) {
                return Files.createTempDirectory(dir, "out").resolve("run").toString();
            }
            assertTrue(lastRunDir != null, shown + ": DIR names a run directory, and no command before wrote one");
            return lastRunDir.toString();
        }
        if (word.equals("NAME|JAR")) {
            // bench shows noop measuring the harness, as the README says it does; the gate needs a correct store.
            return command.equals("bench") ? "noop" : "reference";
        }
        if (word.equals("OUT")) {
            return Files.createTempDirectory(dir, "json").resolve("out.json").toString();
        }
        if (PLACEHOLDERS.containsKey(word)) {
            return PLACEHOLDERS.get(word);
        }
        if (word.matches("[A-Z][A-Z_|.]*")) {
            fail(shown + ": placeholder " + word + " has no smoke value; give it one in ReadmeCommandsTest");
        }
        if (word.startsWith("specs/")) {
            // Quick cards only: a full card's run takes minutes.
            final String quick = word.endsWith("-quick.yaml") ? word : word.replace(".yaml", "-quick.yaml");
            assertTrue(Files.exists(ROOT.resolve(quick)), shown + ": no card " + quick);
            return ROOT.resolve(quick).toString();
        }
        return word;
    }

    /**
     * Runs a {@code jitskit serve} line the way a user would use it, and cannot hang: the server starts on a free
     * port, a client (after AUTH when the line gives a password) sends PING, then SHUTDOWN NOSAVE, and the command
     * must exit 0 within 60 s.
     */
    static int serveSmoke(final List<String> args) throws Exception {
        final Path portFile = Path.of(args.get(args.indexOf("--port-file") + 1));
        final java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture
            .supplyAsync(() -> Jitskit.run(args.toArray(String[]::new)));
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(portFile)) {
            if (exit.isDone()) {
                return exit.get();
            }
            assertTrue(System.nanoTime() < deadline, "jitskit serve did not start in 60 s");
            Thread.sleep(20);
        }
        final int port = Integer.parseInt(Files.readString(portFile).strip());
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            final var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                java.nio.charset.StandardCharsets.US_ASCII));
            final var out = s.getOutputStream();
            final int pw = args.indexOf("--requirepass");
            if (pw >= 0) {
                out.write(("AUTH " + args.get(pw + 1) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertEquals("+OK", in.readLine());
            }
            out.write("PING\r\nSHUTDOWN NOSAVE\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("+PONG", in.readLine());
            assertEquals(null, in.readLine(), "SHUTDOWN closes the connection without a reply");
        }
        return exit.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static Path ycsbFile() throws IOException {
        return Files.writeString(dir.resolve("workloada"), """
            recordcount=1000
            operationcount=1000
            readproportion=0.5
            updateproportion=0.5
            scanproportion=0
            requestdistribution=zipfian
            """);
    }

    private static void set(final List<String> args, final String flag, final String value) {
        final int at = args.indexOf(flag);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.add(flag);
            args.add(value);
        }
    }

    private static void setDefault(final List<String> args, final String flag, final String value) {
        if (!args.contains(flag)) {
            set(args, flag, value);
        }
    }

    /** {@code spec validate} for a spec subcommand, else the first word: the key of the command's smoke settings. */
    private static String subcommand(final String text) {
        final List<String> words = new ArrayList<>(List.of(text.strip().split("\\s+")));
        if (words.getFirst().endsWith("jitskit")) {
            words.removeFirst();
        }
        return words.getFirst().equals("spec") ? "spec " + words.get(1) : words.getFirst();
    }

    /**
     * The commands of README.md: each line of a {@code bash}/{@code sh} block that runs {@code jitskit} or a
     * {@code bin/} script, and the first cell of each row of the command table with every optional part given.
     */
    static List<Shown> readme() throws IOException {
        final List<String> lines = Files.readAllLines(README);
        final List<Shown> shown = new ArrayList<>();
        boolean inBlock = false;
        boolean inTable = false;
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = line;
                inTable = line.equals("## Commands");
            }
            if (line.startsWith("```")) {
                inBlock = !inBlock && (line.equals("```bash") || line.equals("```sh"));
                continue;
            }
            if (inBlock) {
                final String command = withoutComment(line).strip();
                if (command.startsWith("./jitskit ") || command.startsWith("jitskit ") || command.startsWith("bin/")) {
                    shown.add(new Shown(i + 1, section.startsWith("## Set-up") ? "set-up" : "example", command));
                }
            } else if (inTable && line.startsWith("| `jitskit ")) {
                final String cell = line.substring(3, line.indexOf('`', 3)).replace("\\|", "|");
                shown.add(new Shown(i + 1, "command table", withOptionalParts(cell)));
            }
        }
        assertFalse(shown.isEmpty(), "README.md shows no command");
        return shown;
    }

    /** {@code a [--x N] [--y]} as {@code a --x N --y}: every documented flag is given, so every one must parse. */
    private static String withOptionalParts(final String synopsis) {
        return synopsis.replaceAll("\\[([^\\]]*)]", "$1");
    }

    private static String withoutComment(final String line) {
        final Matcher m = Pattern.compile("\\s#\\s").matcher(line);
        int quote = 0;
        while (m.find()) {
            quote = (int) line.substring(0, m.start()).chars().filter(c -> c == '\'').count();
            if (quote % 2 == 0) {
                return line.substring(0, m.start());
            }
        }
        return line;
    }

    /** Splits a command line as a shell would for the README's lines: words, with '...' and "..." kept whole. */
    static List<String> shellWords(final String text) {
        final List<String> words = new ArrayList<>();
        final Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(text);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }
}
