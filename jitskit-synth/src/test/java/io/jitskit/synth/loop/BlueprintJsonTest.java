package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.DesignException;
import io.jitskit.synth.engine.Facts;
import io.jitskit.synth.engine.log.LogDesign;
import io.jitskit.synth.engine.log.LogFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Designs through their JSON text and back: every kind, on a random lattice over every knob's domain, comes back
 * equal with the same key; a malformed design is refused in one line that names the field.
 */
class BlueprintJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POINTS = 400;

    static Spec card(final String name, final String values, final String durability) throws Exception {
        return SpecParser.parse("""
            name: %s
            environment: {memory-budget: 1GiB, threads: 2, storage: {dir: /tmp/jitskit/%s}}
            workload:
              keys: {count: 200K}
              values: %s
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
            requirements: {operations: [read, upsert, rmw, delete], durability: %s}
            """.formatted(name, name, values, durability), Path.of(name + ".yaml"));
    }

    private static Blueprint roundTrip(final Blueprint b, final Spec spec) throws Exception {
        final String text = JSON.writeValueAsString(BlueprintJson.write(b));
        return BlueprintJson.read(JSON.readTree(text), spec);
    }

    @Test
    void everyInMemoryDesignOnARandomLatticeComesBackEqual() throws Exception {
        final long seed = System.nanoTime();
        final Random r = new Random(seed);
        for (final String durability : List.of("none", "checkpoint", "commit")) {
            final Spec spec = card("lattice-" + durability, "{bimodal: {small: 20, large: 200, small-weight: 0.9}}",
                durability);
            final Facts facts = Facts.of(spec);
            for (int i = 0; i < POINTS; i++) {
                final int page = 1 << (16 + r.nextInt(15));
                final Design d = new Design(facts, 24 + 8 * r.nextInt(14), r.nextDouble(0.3, 0.95),
                    r.nextDouble(1, 8), pick(r, Design.Indexing.values()), 1 << r.nextInt(11),
                    facts.durability().isDurable() ? pick(r, Design.CheckpointMode.QUIESCE_WRITE,
                        Design.CheckpointMode.QUIESCE_SHADOW) : Design.CheckpointMode.NONE, 1 << r.nextInt(21),
                    r.nextInt(facts.threads(), (1 << 16) + 1), page, r.nextInt(4096, page + 1),
                    1 << (12 + r.nextInt(19)), r.nextBoolean());
                final Blueprint b = new MemoryBlueprint(d);
                final Blueprint back = roundTrip(b, spec);
                assertEquals(b, back, "seed " + seed + ", point " + i + ": " + BlueprintJson.write(b));
                assertEquals(b.key(), back.key(), "seed " + seed + ", point " + i);
            }
        }
    }

    @Test
    void everyLargerThanMemoryDesignOnARandomLatticeComesBackEqual() throws Exception {
        final long seed = System.nanoTime();
        final Random r = new Random(seed);
        for (final String durability : List.of("none", "checkpoint")) {
            final Spec spec = card("ltm-" + durability, "{fixed: 1KiB}", durability);
            final LogFacts facts = LogFacts.of(spec);
            final LogDesign initial = LogDesign.initial(spec);
            for (int i = 0; i < POINTS; i++) {
                final int page = 1 << (16 + r.nextInt(9));
                final int pagesLog2 = Integer.numberOfTrailingZeros(page);
                final LogDesign d = new LogDesign(facts, r.nextDouble(0.5, 0.9), r.nextDouble(1, 4),
                    pick(r, LogDesign.Eviction.values()), pick(r, LogDesign.Admission.values()),
                    r.nextDouble(0, 0.9), pick(r, 4, 8, 16), initial.cacheValueBytes(), page,
                    1L << (pagesLog2 + 2 + r.nextInt(32 - pagesLog2 - 1)), r.nextDouble(0.2, 0.8), r.nextBoolean(),
                    1 << (1 + r.nextInt(7)));
                final Blueprint b = new LogBlueprint(d);
                final Blueprint back = roundTrip(b, spec);
                assertEquals(b, back, "seed " + seed + ", point " + i + ": " + BlueprintJson.write(b));
                assertEquals(b.key(), back.key(), "seed " + seed + ", point " + i);
            }
        }
    }

    @Test
    void aDesignInWordsComesBackWithItsTextAndKey() throws Exception {
        final Spec spec = card("words", "{fixed: 100}", "none");
        final AgentBlueprint words = new AgentBlueprint("Cuckoo table with stash\n\nTwo hash functions, \"4-way\""
            + " buckets, a stash of 8 slots; values inline.\n");
        final Blueprint back = roundTrip(words, spec);
        assertEquals(words, back);
        assertEquals(words.key(), back.key());
    }

    @Test
    void theEnginesNeighboursComeBackEqualToo() throws Exception {
        // The designs a run really builds: the first design of each engine and every design one knob away.
        final Spec memory = card("memory-walk", "{fixed: 100}", "checkpoint");
        final Spec ltm = card("ltm-walk", "{fixed: 1KiB}", "checkpoint");
        for (final Spec spec : List.of(memory, ltm)) {
            final Blueprint first = spec == memory ? new MemoryBlueprint(Design.initial(spec))
                : new LogBlueprint(LogDesign.initial(spec));
            for (final Blueprint b : concat(first, first.neighbours())) {
                assertEquals(b, roundTrip(b, spec), b.key());
            }
        }
    }

    private static List<Blueprint> concat(final Blueprint first, final List<Blueprint> rest) {
        final List<Blueprint> all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    @Test
    void aMalformedDesignIsRefusedInOneLineNamingTheField() throws Exception {
        final Spec spec = card("bad", "{fixed: 100}", "checkpoint");
        final ObjectNode good = BlueprintJson.write(new MemoryBlueprint(Design.initial(spec)));

        final ObjectNode extra = good.deepCopy().put("comment", "hand-edited");
        assertRefused("design JSON: unknown field 'comment' in a memory design; known: engine, knobs, schema", extra,
            spec);
        final ObjectNode unknownKnob = good.deepCopy();
        ((ObjectNode) unknownKnob.get("knobs")).put("slotbytes", 64);
        assertRefused("design JSON: unknown knob 'slotbytes'; known: slotBytes, maxLoadFactor, keyMargin, indexing,"
            + " shards, checkpointMode, claimStripes, maxSessions, slabPageBytes, slabTlabBytes, logRingBytes,"
            + " hugePages", unknownKnob, spec);
        final ObjectNode outOfDomain = good.deepCopy();
        ((ObjectNode) outOfDomain.get("knobs")).put("slotBytes", 20);
        assertRefused("design JSON: slotBytes must be a multiple of 8 in [24, 128], was 20", outOfDomain, spec);
        final ObjectNode mismatched = good.deepCopy();
        ((ObjectNode) mismatched.get("knobs")).put("checkpointMode", "NONE");
        assertRefused("design JSON: checkpoint mode NONE does not match durability CHECKPOINT", mismatched, spec);
        assertRefused("design JSON: schema must be jitskit.design/1, was \"jitskit.design/2\"",
            good.deepCopy().put("schema", "jitskit.design/2"), spec);
        assertRefused("design JSON: engine must be memory, log or agent, was \"btree\"",
            good.deepCopy().put("engine", "btree"), spec);
        assertRefused("design JSON: text must be the design in words, was null",
            JSON.readTree("{\"schema\": \"jitskit.design/1\", \"engine\": \"agent\"}"), spec);
        assertRefused("design JSON: expected an object with schema, engine and knobs, was array",
            JSON.readTree("[]"), spec);
    }

    private static void assertRefused(final String message, final JsonNode json, final Spec spec) {
        final DesignException e = assertThrows(DesignException.class, () -> BlueprintJson.read(json, spec));
        assertEquals(message, e.getMessage());
    }

    @SafeVarargs
    private static <T> T pick(final Random r, final T... options) {
        return options[r.nextInt(options.length)];
    }
}
