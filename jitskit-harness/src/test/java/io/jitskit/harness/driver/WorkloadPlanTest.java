package io.jitskit.harness.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Spec;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadPlanTest {

    private static final String CARD = """
        name: traced
        environment:
          memory-budget: 64MiB
          threads: 2
          storage: {dir: /tmp/jitskit/traced, medium: ssd}
        workload:
          trace: {file: t.csv, format: twitter, loop: true}
          keys: {format: id8}
          values: {from-trace: [1, 4KiB]}
          mix: {read: 60, upsert: 40}
          run: {duration: 3s}
        requirements:
          operations: [read, upsert]
          durability: none
        """;

    @Test
    void aTraceCardWithoutAKeyCountGetsTheTracesDistinctKeys(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("t.csv"), """
            0,alpha,5,100,1,get,0
            1,beta,4,200,1,set,0
            2,alpha,5,100,1,get,0
            3,gamma,5,300,2,set,0
            4,beta,4,200,2,get,0
            """);
        final Spec card = SpecParser.parse(CARD, dir.resolve("traced.yaml"));
        assertEquals(0, card.workload().keyCount(), "precondition: the card declares no count");

        final Spec resolved = WorkloadPlan.resolveTrace(card);
        assertEquals(3, resolved.workload().keyCount(), "alpha, beta, gamma");
        assertEquals(resolved, WorkloadPlan.resolveTrace(resolved), "resolving twice changes nothing");
    }

    private static final String CACHELIB_ROWS = """
        op_time,key,key_size,op,op_count,size
        10,k1,48,GET,1,0
        10,k2,24,SET,2,300
        11,k1,48,SET,1,120
        11,k3,90,GET,3,0
        """;

    private static Spec cacheLibCard(final Path dir, final String keys, final String values) throws Exception {
        Files.writeString(dir.resolve("kv.csv"), CACHELIB_ROWS);
        return SpecParser.parse(CARD
            .replace("t.csv, format: twitter", "kv.csv, format: cachelib-kvcache")
            .replace("keys: {format: id8}", "keys: {format: " + keys + "}")
            .replace("values: {from-trace: [1, 4KiB]}", "values: {from-trace: " + values + "}"), dir.resolve("kv.yaml"));
    }

    @Test
    void aReplayedTraceGivesEachKeyTheLengthItRecorded(@TempDir final Path dir) throws Exception {
        final Spec card = WorkloadPlan.resolveTrace(
            cacheLibCard(dir, "{variable: {from-trace: [16, 255]}}", "[1, 4KiB]"));
        // What the keys hold, one entry per key: k1 its larger size, k2 300, k3 nothing known (a miss only).
        assertEquals(List.of(120, 300),
            ((SizeDistribution.FromTrace) card.workload().valueSizes()).observed());
        assertEquals(List.of(24, 48, 90),
            ((SizeDistribution.FromTrace) ((KeyFormat.Variable) card.workload().keyFormat()).sizes()).observed());
        try (WorkloadPlan plan = WorkloadPlan.of(card, 42)) {
            // Dense ids in order of first appearance: k1, k2, k3.
            assertEquals(48, plan.keySpace().keyLength(0));
            assertEquals(24, plan.keySpace().keyLength(1));
            assertEquals(90, plan.keySpace().keyLength(2));
        }
    }

    @Test
    void aTraceWithValuesAboveTheCardsBoundIsRefusedNamingTheFieldAndTheFix(@TempDir final Path dir)
        throws Exception {
        final Spec card = cacheLibCard(dir, "{variable: {from-trace: [16, 255]}}", "[1, 200]");
        final SpecException e = assertThrows(SpecException.class, () -> WorkloadPlan.resolveTrace(card));
        assertEquals("workload.values", e.field());
        assertTrue(e.getMessage().startsWith(dir.resolve("kv.yaml") + ": workload.values: the trace "), e.getMessage());
        assertTrue(e.getMessage().contains("values up to 300 B, above the card's maximum of 200 B; raise the "
            + "from-trace maximum to at least 300"), e.getMessage());

        final Spec small = cacheLibCard(dir, "{variable: {from-trace: [16, 255]}}", "[200, 4KiB]");
        final SpecException below = assertThrows(SpecException.class, () -> WorkloadPlan.resolveTrace(small));
        assertTrue(below.getMessage().contains("values as small as 120 B, below the card's minimum of 200 B; lower "
            + "the from-trace minimum to at most 120"), below.getMessage());
    }

    @Test
    void aTraceWithKeysLongerThanTheCardAllowsIsRefused(@TempDir final Path dir) throws Exception {
        final Spec card = cacheLibCard(dir, "{variable: {from-trace: [16, 64]}}", "[1, 4KiB]");
        final SpecException e = assertThrows(SpecException.class, () -> WorkloadPlan.resolveTrace(card));
        assertEquals("workload.keys.format", e.field());
        assertTrue(e.getMessage().contains("keys as long as 90 B, above the card's maximum of 64 B; raise the "
            + "from-trace maximum to at least 90"), e.getMessage());
        // id8 keys do not replay key lengths, so the same trace is fine for them.
        assertEquals(3, WorkloadPlan.resolveTrace(cacheLibCard(dir, "id8", "[1, 4KiB]")).workload().keyCount());
    }
}
