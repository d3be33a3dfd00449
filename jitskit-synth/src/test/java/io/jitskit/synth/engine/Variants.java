package io.jitskit.synth.engine;

import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The design variants the behavioural tests run against: every layout and durability path of the coder. */
final class Variants {

    private Variants() {
    }

    /** A named (spec, design) pair. */
    record Variant(String name, Spec spec, Design design) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Variant> layouts() {
        final Spec fixed = Cards.spec("fixed100", 2_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        final Spec bimodal = Cards.spec("bimodal", 2_000, new SizeDistribution.Bimodal(20, 200, 0.9), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        final Spec uniform = Cards.spec("uniform", 2_000, new SizeDistribution.Uniform(1, 300), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        final Spec small = Cards.spec("small", 2_000, new SizeDistribution.Uniform(8, 40), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        return List.of(
            new Variant("fixed 100 B inline", fixed, Design.initial(fixed)),
            new Variant("fixed 100 B slab", fixed, Design.initial(fixed).withInlineValues(false)),
            new Variant("bimodal 20/200 hybrid", bimodal, Design.initial(bimodal)),
            new Variant("uniform 1..300 slab, 4 shards, fastrange, huge pages", uniform, Design.initial(uniform)
                .withShards(4).withIndexing(Design.Indexing.FASTRANGE).withHugePages(true)),
            new Variant("uniform 8..40 inline", small, Design.initial(small)));
    }

    static List<Variant> durable() {
        final Spec ckpt = Cards.spec("ckpt", 2_000, new SizeDistribution.Fixed(64), Cards.ALL_OPS,
            Durability.checkpoint(), Cards.GIB);
        final Spec ckptBimodal = Cards.spec("ckpt-bimodal", 2_000, new SizeDistribution.Bimodal(16, 120, 0.8),
            Cards.ALL_OPS, Durability.checkpoint(), Cards.GIB);
        final Spec commit = Cards.spec("commit", 2_000, new SizeDistribution.Uniform(8, 100), Cards.ALL_OPS,
            Durability.commit(Duration.ofMillis(10)), Cards.GIB);
        return List.of(
            new Variant("checkpoint shadow, inline", ckpt, Design.initial(ckpt)),
            new Variant("checkpoint quiesce-write, slab", ckpt, Design.initial(ckpt).withInlineValues(false)
                .withCheckpointMode(Design.CheckpointMode.QUIESCE_WRITE)),
            new Variant("checkpoint shadow, bimodal hybrid", ckptBimodal, Design.initial(ckptBimodal)),
            new Variant("commit logs, slab", commit, Design.initial(commit).withInlineValues(false)),
            new Variant("commit logs, inline, 2 shards, huge pages", commit, Design.initial(commit).withShards(2)
                .withHugePages(true)));
    }

    static Stream<Arguments> layoutArguments() {
        return layouts().stream().map(Arguments::of);
    }

    static Stream<Arguments> durableArguments() {
        return durable().stream().map(Arguments::of);
    }

    static Stream<Arguments> allArguments() {
        return Stream.concat(layouts().stream(), durable().stream()).map(Arguments::of);
    }
}
