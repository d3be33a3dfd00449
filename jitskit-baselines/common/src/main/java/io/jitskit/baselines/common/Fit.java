package io.jitskit.baselines.common;

import io.jitskit.api.StoreContext;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import java.util.Set;

/**
 * One-line reasons why an adapter cannot serve a spec, for {@code StoreProvider.unsupportedReason}: a baseline that
 * cannot meet a card is skipped with its reason, never run with a weaker guarantee.
 */
public final class Fit {

    private static final long MIB = 1L << 20;

    private Fit() {
    }

    /** Why {@code offered} falls short of the card's durability, or {@code null}. */
    public static String durability(final String store, final StoreContext context, final Durability offered,
                                    final String why) {
        final Durability required = context.spec().requirements().durability();
        if (offered.satisfies(required)) {
            return null;
        }
        return store + " gives durability " + describe(offered) + " but " + context.spec().name() + " requires "
            + describe(required) + ": " + why;
    }

    /** Why the store lacks a required operation, or {@code null}. */
    public static String operations(final String store, final StoreContext context, final Set<Operation> supported) {
        for (final Operation op : context.spec().requirements().operations()) {
            if (!supported.contains(op)) {
                return store + " does not support " + op.cardName() + ", which " + context.spec().name()
                    + " requires";
            }
        }
        return null;
    }

    /** Why a footprint of {@code neededBytes} does not fit the card's usable memory, or {@code null}. */
    public static String memory(final String store, final StoreContext context, final long neededBytes,
                                final String estimate) {
        final long usable = context.spec().environment().usableBytes();
        if (neededBytes <= usable) {
            return null;
        }
        return store + " needs about " + neededBytes / MIB + " MiB (" + estimate + ") but " + context.spec().name()
            + " leaves " + usable / MIB + " MiB usable (budget less headroom)";
    }

    /** A durability as reports print it: {@code none}, {@code checkpoint}, {@code commit/10ms}. */
    public static String describe(final Durability d) {
        return switch (d.level()) {
            case NONE -> "none";
            case CHECKPOINT -> "checkpoint";
            case COMMIT -> "commit/" + d.groupCommitInterval().toMillis() + "ms";
        };
    }
}
