package io.jitskit.harness.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
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

        final Spec resolved = WorkloadPlan.withTraceKeyCount(card);
        assertEquals(3, resolved.workload().keyCount(), "alpha, beta, gamma");
        assertSame(resolved, WorkloadPlan.withTraceKeyCount(resolved), "a card with a count is left as it is");
    }
}
