package io.jitskit.gate;

import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import io.jitskit.spec.SpecWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GateSpecTest {

    private static final String TRACE_CARD = """
        name: traced
        environment:
          memory-budget: 256MiB
          threads: 2
          storage: {dir: /tmp/jitskit/traced, medium: ssd}
        workload:
          trace: {file: t.csv, format: cachelib-kvcache, loop: true}
          keys: {format: {variable: {from-trace: [16, 255]}}}
          values: {from-trace: [1, 128KiB]}
          mix: {read: 98, upsert: 2}
          run: {duration: 3s}
        requirements:
          operations: [read, upsert]
          durability: none
        """;

    @Test
    void traceSuppliedSizesBecomeUniformOverTheCardsBoundsSoTheChildCanParseTheGateCard(@TempDir final Path dir)
            throws Exception {
        Files.createFile(dir.resolve("t.csv"));
        final Spec card = SpecParser.parse(TRACE_CARD, dir.resolve("traced.yaml"));
        final Spec gate = GateRunner.gateSpec(card, GateLevel.QUICK, Path.of("/tmp/jitskit/gate-data"));

        assertNull(gate.workload().trace());
        assertEquals(20_000, gate.workload().keyCount());
        assertEquals(new SizeDistribution.Uniform(1, 128 * 1024), gate.workload().valueSizes());
        assertEquals(new KeyFormat.Variable(new SizeDistribution.Uniform(16, 255)), gate.workload().keyFormat());
        // The gate child re-reads the card from its YAML: a trace-sized card without a trace is rejected there.
        final Spec reread = SpecParser.parse(SpecWriter.toYaml(gate), Path.of("gate-spec.yaml"));
        assertEquals(gate.workload().valueSizes(), reread.workload().valueSizes());
    }
}
