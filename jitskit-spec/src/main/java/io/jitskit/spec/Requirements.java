package io.jitskit.spec;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The requirements card: what must hold, and what to optimize.
 *
 * @param operations  operations the store must support
 * @param rmw         semantics of read-modify-write
 * @param consistency the consistency model
 * @param durability  what survives a crash
 * @param objective   what to maximize, under which bound
 * @param forbidden   what the store may not use
 */
public record Requirements(
    Set<Operation> operations,
    Rmw rmw,
    Consistency consistency,
    Durability durability,
    Objective objective,
    Set<Forbidden> forbidden) {

    public Requirements {
        operations = operations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(operations));
        forbidden = Set.copyOf(forbidden);
        Objects.requireNonNull(rmw, "rmw");
        Objects.requireNonNull(consistency, "consistency");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(objective, "objective");
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("at least one operation must be required");
        }
    }

    /** These requirements with another durability: a card derived for a store that gives less, clearly labelled. */
    public Requirements withDurability(final Durability d) {
        return new Requirements(operations, rmw, consistency, d, objective, forbidden);
    }

    public boolean supports(final Operation op) {
        return operations.contains(op);
    }

    /**
     * RMW semantics. {@code add-u64}: the first 8 bytes of the value are a little-endian unsigned counter; rmw adds a
     * delta; an absent key starts from the caller's initial value, whose counter is {@code initial}.
     */
    public record Rmw(Kind kind, long initial) {
        public enum Kind { ADD_U64 }

        public Rmw {
            Objects.requireNonNull(kind, "kind");
        }

        public static Rmw addU64() {
            return new Rmw(Kind.ADD_U64, 0);
        }
    }

    /** Consistency models. Only per-key linearizability with no torn reads is defined today. */
    public enum Consistency { LINEARIZABLE }

    /**
     * The objective: maximize throughput, optionally only among designs whose p99 latency stays under a bound.
     *
     * @param p99Bound the bound, or {@code null}
     */
    public record Objective(Duration p99Bound) {
        public static Objective throughput() {
            return new Objective(null);
        }
    }

    /** What a store may be forbidden to use. */
    public enum Forbidden {
        /** Any key-value library (RocksDB, LMDB, MapDB, ...) inside a synthesized store. */
        EXTERNAL_KV_LIBRARY,
        /** Reflection into, or calls to, harness classes. */
        HARNESS_INTERNALS
    }
}
