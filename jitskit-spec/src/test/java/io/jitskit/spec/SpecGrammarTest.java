package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecGrammarTest {

    @Test
    void normalizedMixesSumToExactlyOneAndNormalizeToThemselves() {
        final long seed = System.nanoTime();
        final SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            final Map<Operation, Double> weights = new EnumMap<>(Operation.class);
            for (final Operation op : Operation.values()) {
                if (op == Operation.READ || r.nextBoolean()) {
                    weights.put(op, switch (r.nextInt(3)) {
                        case 0 -> r.nextDouble(1e-9, 100);
                        case 1 -> (1 + r.nextInt(1000)) / 10.0;
                        default -> (double) (1 + r.nextInt(100));
                    });
                }
            }
            final OperationMix mix = SpecGrammar.normalizedMix(weights);
            final String where = "seed " + seed + ", weights " + weights;
            double sum = 0;
            double total = 0;
            for (final double w : weights.values()) {
                total += w;
            }
            for (final Map.Entry<Operation, Double> e : mix.proportions().entrySet()) {
                sum += e.getValue();
                final double once = weights.get(e.getKey()) / total;
                assertEquals(once, e.getValue(), 1e-15, where);
            }
            assertEquals(1.0, sum, 0.0, where);
            assertEquals(mix, new OperationMix(mix.proportions()), where);
        }
    }

    @Test
    void wordsAreLowerCaseWithDashes() {
        assertEquals("external-kv-library", SpecGrammar.word(Requirements.Forbidden.EXTERNAL_KV_LIBRARY));
        assertEquals(Environment.Medium.TMPFS, SpecGrammar.ofWord(Environment.Medium.class, "tmpfs"));
    }
}
