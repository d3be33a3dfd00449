package io.jitskit.synth.engine;

import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import java.util.Collection;
import java.util.EnumSet;
import java.util.StringJoiner;

/**
 * Card fields as text for generated sources and design essays: one rendering, shared by every engine, so a store
 * from either engine describes the same card in the same words.
 */
public final class SourceText {

    private SourceText() {
    }

    /** {@code [read, upsert]}: the operations in card order, for essays and messages. */
    public static String operations(final Collection<Operation> ops) {
        final StringJoiner j = new StringJoiner(", ", "[", "]");
        for (final Operation op : EnumSet.copyOf(ops)) {
            j.add(op.cardName());
        }
        return j.toString();
    }

    /** {@code Operation.READ, Operation.UPSERT}: the operations as Java enum constants. */
    public static String operationConstants(final Collection<Operation> ops) {
        final StringJoiner j = new StringJoiner(", ");
        for (final Operation op : EnumSet.copyOf(ops)) {
            j.add("Operation." + op.name());
        }
        return j.toString();
    }

    /** {@code fixed 100 B}, {@code bimodal 20 B / 200 B}, ... */
    public static String sizes(final SizeDistribution s) {
        return switch (s) {
            case SizeDistribution.Fixed x -> "fixed " + x.size() + " B";
            case SizeDistribution.Uniform x -> "uniform " + x.min() + ".." + x.max() + " B";
            case SizeDistribution.Bimodal x -> "bimodal " + x.small() + " B / " + x.large() + " B";
            case SizeDistribution.FromTrace x -> "trace " + x.min() + ".." + x.max() + " B";
        };
    }

    /** A Java expression constructing {@code s}. */
    public static String sizesExpression(final SizeDistribution s) {
        return switch (s) {
            case SizeDistribution.Fixed x -> "new SizeDistribution.Fixed(" + x.size() + ")";
            case SizeDistribution.Uniform x -> "new SizeDistribution.Uniform(" + x.min() + ", " + x.max() + ")";
            case SizeDistribution.Bimodal x -> "new SizeDistribution.Bimodal(" + x.small() + ", " + x.large() + ", "
                + Double.toString(x.smallWeight()) + ")";
            case SizeDistribution.FromTrace x -> "new SizeDistribution.FromTrace(" + x.min() + ", " + x.max() + ")";
        };
    }
}
