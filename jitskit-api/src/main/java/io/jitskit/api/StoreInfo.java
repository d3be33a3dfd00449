package io.jitskit.api;

import io.jitskit.spec.Durability;
import java.util.Map;
import java.util.Objects;

/**
 * What a store says about itself in reports.
 *
 * @param name          the store's registered name
 * @param durability    the durability it really provides in this configuration
 * @param configuration settings worth printing beside its numbers (sizes, flags, policies)
 */
public record StoreInfo(String name, Durability durability, Map<String, String> configuration) {

    public StoreInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(durability, "durability");
        configuration = Map.copyOf(configuration);
    }
}
