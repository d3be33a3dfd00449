package io.jitskit.spec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A complete specification: the three cards, with a name and the file they came from.
 *
 * @param name         the spec's id, e.g. {@code ycsb-a-mem}
 * @param source       the file it was read from, or {@code null} when built in code
 * @param environment  the environment card
 * @param workload     the workload card
 * @param requirements the requirements card
 */
public record Spec(String name, Path source, Environment environment, Workload workload, Requirements requirements) {

    public Spec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(requirements, "requirements");
    }

    public Spec withEnvironment(final Environment env) {
        return new Spec(name, source, env, workload, requirements);
    }

    public Spec withWorkload(final Workload w) {
        return new Spec(name, source, environment, w, requirements);
    }

    public Spec withRequirements(final Requirements r) {
        return new Spec(name, source, environment, workload, r);
    }
}
