package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and contradictory cards, each rejected with its exact one-line message: file, line, field, problem and
 * fix. Every case is the valid {@link #BASE} card with a few lines replaced, so the line numbers below are those of
 * {@code BASE}.
 */
class MalformedCardTest {

    private static final Path FILE = Path.of("cards", "bad.yaml");

    private static final String BASE = """
        name: t
        environment:
          memory-budget: 1GiB
          threads: 2
          storage: {dir: /tmp/jitskit/t}
        workload:
          keys: {count: 1M}
          values: {fixed: 100}
          mix: {read: 50, upsert: 50}
          distribution: {zipfian: 0.99}
          temporal: steady
          run: {duration: 30s}
        requirements:
          operations: [read, upsert]
          durability: checkpoint
        """;

    /** {@link #BASE} with line {@code edits[2i]} (1-based) replaced by {@code edits[2i + 1]}. */
    private static String card(final Object... edits) {
        final List<String> lines = new ArrayList<>(Arrays.asList(BASE.split("\n", -1)));
        for (int i = 0; i < edits.length; i += 2) {
            lines.set((Integer) edits[i] - 1, (String) edits[i + 1]);
        }
        return String.join("\n", lines);
    }

    private static Arguments reject(final String why, final String yaml, final String message) {
        return Arguments.of(why, yaml, "cards/bad.yaml:" + message);
    }

    static Stream<Arguments> malformedCards() {
        final String missingTrace = Path.of("cards").toAbsolutePath().resolve("traces/none.csv").toString();
        return Stream.of(
            reject("unknown field, with a suggestion", card(3, "  memroy-budget: 1GiB"),
                "3: environment.memroy-budget: unknown field; did you mean memory-budget? allowed here: "
                    + "memory-budget, headroom, threads, storage, cpu-pinning"),
            reject("rmw in the mix but not required", card(9, "  mix: {read: 50, rmw: 50}"),
                "9: workload.mix.rmw: rmw is in the mix but not in requirements.operations; "
                    + "add rmw to requirements.operations (line 14) or remove it from the mix"),
            reject("checkpoint without a storage directory", card(5, "  storage: {medium: nvme}"),
                "15: requirements.durability: durability checkpoint needs a storage directory to be durable in; "
                    + "add environment.storage.dir, or set durability: none"),
            reject("budget below the smallest index", card(3, "  memory-budget: 2MiB"),
                "3: environment.memory-budget: usable memory 1.6MiB (2MiB less 20% headroom) is below the smallest "
                    + "possible index for 1M keys, 4 bytes per key (3.8MiB); raise memory-budget to at least 5MiB, "
                    + "or lower keys.count"),
            reject("values do not fit and cannot spill",
                card(3, "  memory-budget: 64MiB", 5, "  storage: {medium: ssd}", 15, "  durability: none"),
                "3: environment.memory-budget: without a storage directory every key and value stays in memory: "
                    + "1M keys of 108 bytes need 103.0MiB, but usable memory 51.2MiB (64MiB less 20% headroom) is "
                    + "smaller; raise memory-budget to at least 129MiB, or add environment.storage.dir so that "
                    + "values can spill"),
            reject("decimal size unit", card(3, "  memory-budget: 4GB"),
                "3: environment.memory-budget: '4GB' uses a decimal unit, which is ambiguous; "
                    + "write KiB/MiB/GiB/TiB (powers of 1024) or plain bytes"),
            reject("unknown distribution", card(10, "  distribution: zipf"),
                "10: workload.distribution: unknown distribution 'zipf'; "
                    + "use one of: uniform, zipfian, scrambled-zipfian, latest, hotspot, time-order"),
            reject("negative key count", card(7, "  keys: {count: -5}"),
                "7: workload.keys.count: must not be negative, was -5; "
                    + "write an integer, optionally with K/M/G (10M = 10,000,000)"),
            reject("time order without deletes",
                card(9, "  mix: {read: 50, insert: 50}", 10, "  distribution: time-order",
                    14, "  operations: [read, insert]"),
                "10: workload.distribution: time-order inserts new keys and retires the oldest, but the mix lacks "
                    + "delete; add insert and delete to workload.mix, or use another distribution"),
            reject("time order whose inserts and deletes do not balance",
                card(9, "  mix: {insert: 60, delete: 40}", 10, "  distribution: time-order",
                    14, "  operations: [read, insert, delete]"),
                "9: workload.mix: time-order keeps a live window of keys.count keys, but insert (60%) and delete "
                    + "(40%) do not balance; give insert and delete the same proportion"),
            reject("bursts whose read share is not the mix's",
                card(9, "  mix: {read: 10, insert: 45, delete: 45}", 10, "  distribution: time-order",
                    11, "  temporal: {bursts: {burst: 64, every: 1280}}", 14, "  operations: [read, insert, delete]"),
                "11: workload.temporal: bursts of 64 reads every 1280 operations make reads 5% of operations, but "
                    + "the mix gives read 10%; set read to 5 in workload.mix, or change burst or every"),
            reject("bursts without reads",
                card(9, "  mix: {upsert: 100}", 11, "  temporal: {bursts: {burst: 64, every: 1280}}"),
                "11: workload.temporal: bursts of 64 reads every 1280 operations need reads, but the mix has none; "
                    + "add read: 5 to workload.mix, or use temporal: steady"),
            reject("too many threads", card(4, "  threads: 2000"),
                "4: environment.threads: 2000 threads exceed the limit of 1024; use at most 1024 worker threads"),
            reject("values above 16MiB", card(8, "  values: {uniform: [1KiB, 32MiB]}"),
                "8: workload.values: largest value 32MiB exceeds the limit of 16MiB; keep values at or below 16MiB"),
            reject("trace file missing",
                card(7, "  trace: {file: traces/none.csv, format: cachelib-kvcache}",
                    8, "  values: {from-trace: [1, 1KiB]}", 10, "", 11, ""),
                "7: workload.trace.file: trace file " + missingTrace + " does not exist; "
                    + "check the path; it is relative to the directory of the file that names it"),
            reject("distribution beside a trace",
                card(7, "  trace: {file: traces/none.csv, format: cachelib-kvcache}",
                    8, "  values: {from-trace: [1, 1KiB]}", 11, ""),
                "10: workload.distribution: not allowed with a trace: the trace decides it; remove distribution"),
            reject("unknown trace format",
                card(7, "  trace: {file: x.csv, format: csv}", 8, "  values: {from-trace: [1, 1KiB]}", 10, "",
                    11, ""),
                "7: workload.trace.format: unknown trace format 'csv'; "
                    + "use one of: twitter, oracle-general, libcachesim-csv, cachelib-kvcache"),
            reject("mix that sums to neither 100 nor 1", card(9, "  mix: {read: 50, upsert: 40}"),
                "9: workload.mix: proportions sum to 90; write percentages that sum to 100 or fractions that sum to 1"),
            reject("duration without a unit", card(12, "  run: {duration: 30}"),
                "12: workload.run.duration: '30' is not a duration; write a number with us, ms, s or min "
                    + "(30s, 10ms, 2min)"),
            reject("YAML 1.1 boolean", card(11, "  load: yes"),
                "11: workload.load: 'yes' is not a boolean; write true or false"),
            reject("field given twice", card(4, "  memory-budget: 2GiB"),
                "4: environment.memory-budget: given twice (first on line 3); keep one"),
            reject("read not required", card(14, "  operations: [upsert]"),
                "14: requirements.operations: read is not listed, but the correctness gate verifies every store by "
                    + "reading; add read to requirements.operations"),
            reject("rmw with values too small for its counter",
                card(8, "  values: {uniform: [4, 64]}", 14, "  operations: [read, upsert, rmw]"),
                "8: workload.values: rmw add-u64 keeps an 8-byte counter at the start of each value, but the "
                    + "smallest value is 4 bytes; make every value at least 8 bytes, or drop rmw from "
                    + "requirements.operations"),
            reject("zipfian theta 1", card(10, "  distribution: {zipfian: 1}"),
                "10: workload.distribution.zipfian: theta 1 makes the Zipfian normalization undefined; "
                    + "use a theta such as 0.99 or 1.01"),
            reject("missing memory budget", card(3, "  headroom: 0.1"),
                "2: environment.memory-budget: is missing; give a budget such as 4GiB"),
            reject("variable keys shorter than the id",
                card(7, "  keys: {count: 1M, format: {variable: {uniform: [4, 16]}}}"),
                "7: workload.keys.format.variable: variable keys embed the 8-byte key id, but the smallest key is "
                    + "4 bytes; make every key at least 8 bytes"),
            reject("pinning fewer CPUs than threads", card(4, "  cpu-pinning: [0]"),
                "4: environment.cpu-pinning: names 1 CPU for 2 worker threads; "
                    + "list one CPU per worker thread, or [] for no pinning"),
            reject("unknown durability", card(15, "  durability: fsync"),
                "15: requirements.durability: unknown durability 'fsync'; use one of: none, checkpoint, commit"),
            reject("unknown checkpoint field, with a suggestion",
                card(15, "  durability: {checkpoint: {every: 1s, max-writer-paus: 10ms}}"),
                "15: requirements.durability.checkpoint.max-writer-paus: unknown field; did you mean max-writer-pause? "
                    + "allowed here: every, max-writer-pause"),
            reject("writer-pause bound in an unknown unit",
                card(15, "  durability: {checkpoint: {every: 1s, max-writer-pause: 10xs}}"),
                "15: requirements.durability.checkpoint.max-writer-pause: '10xs' is not a duration; write "
                    + Units.DURATION_FORMS),
            reject("negative writer-pause bound",
                card(15, "  durability: {checkpoint: {max-writer-pause: -10ms}}"),
                "15: requirements.durability.checkpoint.max-writer-pause: must be positive, was -10ms; write "
                    + Units.DURATION_FORMS),
            reject("zero checkpoint interval", card(15, "  durability: {checkpoint: {every: 0s}}"),
                "15: requirements.durability.checkpoint.every: must be positive, was 0s; write "
                    + Units.DURATION_FORMS),
            reject("writer-pause bound longer than the interval",
                card(15, "  durability: {checkpoint: {every: 100ms, max-writer-pause: 1s}}"),
                "15: requirements.durability.checkpoint.max-writer-pause: max-writer-pause 1s exceeds every 100ms: "
                    + "writers would be held for longer than checkpoints are apart; make max-writer-pause at most "
                    + "every"),
            reject("checkpoint mapping naming nothing", card(15, "  durability: {checkpoint: {}}"),
                "15: requirements.durability.checkpoint: names neither every nor max-writer-pause; give {every: 1s, "
                    + "max-writer-pause: 10ms}, or write durability: checkpoint"),
            reject("a writer-pause bound on commit durability",
                card(15, "  durability: {commit: {max-writer-pause: 10ms}}"),
                "15: requirements.durability.commit: expected a duration, found a mapping; write a duration"),
            reject("scalar where a mapping belongs", card(7, "  keys: 1M"),
                "7: workload.keys: expected a keys mapping {count, format}, found '1M'; "
                    + "write a keys mapping {count, format}"),
            reject("headroom out of range", card(4, "  headroom: 1.5"),
                "4: environment.headroom: must be in [0, 1), was 1.5; write a number in [0, 1)"),
            reject("bimodal sizes in the wrong order",
                card(8, "  values: {bimodal: {small: 200, large: 20, small-weight: 0.9}}"),
                "8: workload.values.bimodal.large: large 20 must exceed small 200; make large the bigger size"),
            reject("run with both a duration and a count", card(12, "  run: {duration: 30s, operations: 1M}"),
                "12: workload.run: give exactly one of duration and operations; "
                    + "write {duration: 30s} or {operations: 1M}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCards")
    void rejectsWithItsOneLineMessage(final String why, final String yaml, final String expected) {
        final SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(yaml, FILE), why);
        assertEquals(expected, e.getMessage(), why);
        assertEquals(FILE, e.file(), why);
    }

    @Test
    void theBaseCardIsValidSoEachCaseFailsForItsOwnEdit() throws SpecException {
        final Spec spec = SpecParser.parse(BASE, FILE);
        assertEquals("t", spec.name());
    }

    @Test
    void yamlSyntaxErrorsNameTheirLine() {
        final SpecException e = assertThrows(SpecException.class,
            () -> SpecParser.parse(card(9, "  mix: {read: 50, upsert: 50"), FILE));
        assertEquals(10, e.line(), e.getMessage());
        assertEquals("cards/bad.yaml:10: not valid YAML: " + e.getMessage().substring(
            "cards/bad.yaml:10: not valid YAML: ".length()), e.getMessage());
    }

    @Test
    void anEmptyFileIsAnErrorNotANullSpec() {
        final SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("# nothing\n", FILE));
        assertEquals("cards/bad.yaml: the file holds no YAML document; write the card as a YAML mapping",
            e.getMessage());
    }

    @Test
    void codeBuiltSpecsAreValidatedWithoutLines() throws SpecException {
        final Spec valid = SpecParser.parse(BASE, FILE);
        final Spec noDir = new Spec("t", null, valid.environment().withStorageDir(null), valid.workload(),
            valid.requirements());
        final SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(noDir));
        assertEquals("<spec>: requirements.durability: durability checkpoint needs a storage directory to be "
            + "durable in; add environment.storage.dir, or set durability: none", e.getMessage());
        assertEquals(0, e.line());
    }
}
