package io.jitskit.agents.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.agents.testing.AgentFixtures;
import io.jitskit.api.StoreFactory;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Verdict;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarativeProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static DeclarativeProbe probe(final String json) throws Exception {
        final JsonNode node = JSON.readTree(json);
        return new DeclarativeProbe(ProbeSpec.parse(node), json);
    }

    private static final String ROUND_TRIP = """
        {"name": "probe-round-trip", "why": "what is written reads back; deletes stick; rmw adds",
         "steps": [
          {"op": "upsert", "keys": [0, 300], "version": 1},
          {"op": "read", "keys": [0, 300], "expect": "version", "version": 1},
          {"op": "delete", "keys": [0, 100]},
          {"op": "delete", "key": 5, "expect": "absent"},
          {"op": "read", "keys": [0, 100], "expect": "absent"},
          {"op": "upsert", "key": 200, "version": 2, "size": 101, "expect": "rejected"},
          {"op": "rmw", "key": 1000, "delta": 5, "counter": 5},
          {"op": "rmw", "key": 1000, "delta": 2, "counter": 7},
          {"op": "read", "key": 1000, "expect": "counter", "counter": 7}]}""";

    @Test
    void theReferenceStorePassesACorrectProbeAndTheCourtAdmitsIt() throws Exception {
        final Spec spec = SpecParser.parse(AgentFixtures.tinySpec(dir));
        final DeclarativeProbe p = probe(ROUND_TRIP);
        final CheckResult r = ProbeCourt.run(p, StoreFactory.find("reference"), "reference", spec, dir.resolve("r"));
        assertEquals(Verdict.PASS, r.verdict(), r.line());
        assertNull(ProbeCourt.refusal(p, spec, dir.resolve("court")));
    }

    @Test
    void aStoreThatForgetsFailsWithTheStepAndKey() throws Exception {
        final Spec spec = SpecParser.parse(AgentFixtures.tinySpec(dir));
        final CheckResult r = ProbeCourt.run(probe(ROUND_TRIP), StoreFactory.find("noop"), "noop", spec,
            dir.resolve("n"));
        assertEquals(Verdict.FAIL, r.verdict(), r.line());
        assertTrue(r.summary().startsWith("probe-round-trip: step 2 (read keys [0, 300) expecting version): "
            + "expected version: id 0 read absent"), r.summary());
        assertTrue(r.reproducer() != null && r.reproducer().endsWith("probe-round-trip.txt"));
    }

    @Test
    void aProbeTheReferenceFailsIsRefusedWithTheReason() throws Exception {
        final Spec spec = SpecParser.parse(AgentFixtures.tinySpec(dir));
        final String why = ProbeCourt.refusal(probe("""
            {"name": "probe-wrong", "steps": [{"op": "upsert", "key": 1, "version": 1},
             {"op": "read", "key": 1, "expect": "absent"}]}"""), spec, dir.resolve("court"));
        assertTrue(why.startsWith("the reference store fails it (probe-wrong: step 2"), why);
        assertTrue(ProbeCourt.refusal(probe("""
            {"name": "probe-ckpt", "steps": [{"op": "checkpoint"}]}"""), spec, dir.resolve("c"))
            .startsWith("it does not apply to this card: the card asks for no durability"));
    }

    @Test
    void malformedProbesAreRefusedNamingTheStepAndField() {
        assertEquals("probe-x1: steps must be a list of 1 to 64 operations", assertThrows(
            IllegalArgumentException.class, () -> probe("{\"name\": \"probe-x1\", \"steps\": []}")).getMessage());
        assertEquals("probe-x1 step 1: unknown field 'value'; fields are ", assertThrows(
            IllegalArgumentException.class, () -> probe("{\"name\": \"probe-x1\", \"steps\": [{\"op\": \"upsert\", "
                + "\"key\": 1, \"value\": \"abc\"}]}")).getMessage().replaceAll("\\[.*]", ""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> probe("{\"name\": \"probe-x1\", \"steps\": "
            + "[{\"op\": \"read\", \"keys\": [5, 2]}]}")).getMessage().contains("keys [5, 2) must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> probe("{\"name\": \"x\", \"steps\": []}"))
            .getMessage().startsWith("name 'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> probe("{\"name\": \"probe-x1\", \"steps\": "
            + "[{\"op\": \"delete\", \"key\": 1, \"expect\": \"gone\"}]}")).getMessage()
            .contains("delete cannot expect 'gone'"));
    }
}
