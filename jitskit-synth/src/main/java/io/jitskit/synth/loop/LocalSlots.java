package io.jitskit.synth.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code --executor local:N}: N evaluations at once on this machine, each in a child JVM pinned with {@code taskset}
 * to a set of cores no other slot uses, so two candidates never share a core (the benchmark's own child inherits
 * the pinning). Each slot is held to the card's memory budget, as every benchmark is (the bench child is killed the
 * moment its charge crosses it); N slots are only allowed when N budgets fit in the memory the machine has
 * available.
 */
final class LocalSlots extends ChildEvaluations {

    /** Free slots, each its core list for {@code taskset -c}. */
    private final BlockingQueue<String> free;
    private final int n;

    private LocalSlots(final HarnessEvaluator evaluator, final List<String> coreSets) {
        super(evaluator, coreSets.size(), "jitskit-local-slot");
        this.n = coreSets.size();
        this.free = new ArrayBlockingQueue<>(coreSets.size(), false, coreSets);
    }

    /**
     * @param cpus      the CPU ids this process may run on
     * @param available bytes of memory available to new processes, or 0 when unknown
     * @throws IllegalArgumentException when N is below 1, above the CPUs, or N budgets do not fit in memory
     */
    static LocalSlots start(final HarnessEvaluator evaluator, final int n, final List<Integer> cpus,
                            final long available) {
        if (n < 1) {
            throw new IllegalArgumentException("--executor local:" + n + ": give at least one evaluation at once");
        }
        if (n > cpus.size()) {
            throw new IllegalArgumentException("--executor local:" + n + ": each slot is pinned to cores of its own "
                + "and this process may use " + cpus.size() + " CPUs; give local:" + cpus.size() + " or fewer");
        }
        final long budget = evaluator.spec().environment().memoryBudgetBytes();
        if (available > 0 && (double) budget * n > available) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--executor local:%d: each slot needs the "
                + "card's memory budget (%d MiB) and %d MiB are available; give local:%d or fewer", n, budget >> 20,
                available >> 20, Math.max(1, available / budget)));
        }
        return new LocalSlots(evaluator, coreSets(cpus, n));
    }

    /** {@code cpus} cut into {@code n} contiguous, disjoint sets as even as they come, as taskset lists. */
    static List<String> coreSets(final List<Integer> cpus, final int n) {
        final List<String> sets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final List<Integer> part = cpus.subList(i * cpus.size() / n, (i + 1) * cpus.size() / n);
            sets.add(String.join(",", part.stream().map(String::valueOf).toList()));
        }
        return sets;
    }

    @Override
    Ended runOnce(final Candidate candidate, final int attempt) throws Exception {
        final String cores = free.take();
        try {
            final List<String> cmd = new ArrayList<>(List.of("taskset", "-c", cores));
            cmd.addAll(command(candidate.dir()));
            final Path log = output(candidate.dir(), attempt);
            final Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            final long deadline = evaluator.evaluationDeadline().toMillis();
            if (!child.waitFor(deadline, TimeUnit.MILLISECONDS)) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly().waitFor();
                return new Ended(false, false, "the evaluation on cores " + cores + " still running after "
                    + deadline / 1000 + " s; killed");
            }
            final int exit = child.exitValue();
            final String where = "pid " + child.pid() + " on cores " + cores;
            if (exit == 0) {
                return new Ended(true, false, where + " completed");
            }
            // 128 + N: ended by signal N (killed from outside, or the JVM crashed): not the candidate's verdict.
            return exit > 128 ? new Ended(false, true, where + " ended by signal " + (exit - 128))
                : new Ended(false, false, where + " exited " + exit);
        } finally {
            free.put(cores);
        }
    }

    @Override
    Path output(final Path dir, final int attempt) {
        return dir.resolve("evaluate-" + attempt + ".log");
    }

    @Override
    public String describe() {
        return "local:" + n;
    }

    /** The CPU ids this process may run on, from {@code /proc/self/status}; 0..n-1 where that cannot be read. */
    static List<Integer> cpus() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseCpuList(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (final IOException | RuntimeException e) {
            // Not Linux, or an odd kernel: fall through to the count.
        }
        final List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            ids.add(i);
        }
        return ids;
    }

    /** {@code 0-3,8,10-11} as its ids in order. */
    static List<Integer> parseCpuList(final String list) {
        final List<Integer> ids = new ArrayList<>();
        for (final String part : list.split(",")) {
            final String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            final int dash = p.indexOf('-');
            final int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            final int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            for (int i = from; i <= to; i++) {
                ids.add(i);
            }
        }
        return ids;
    }

    /** {@code MemAvailable} of {@code /proc/meminfo} in bytes, 0 when unknown. */
    static long availableMemory() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (final IOException | RuntimeException e) {
            // Unknown: the admission check is skipped, the budget watcher still holds each benchmark.
        }
        return 0;
    }
}
