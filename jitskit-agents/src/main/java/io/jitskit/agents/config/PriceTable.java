package io.jitskit.agents.config;

import io.jitskit.agents.model.Usage;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * USD per million input and output tokens, per model. A model is priced by its exact name, else by the longest
 * configured name it starts with (so {@code claude-sonnet-4-5-20250929} takes {@code claude-sonnet-4-5}'s price);
 * a model with no price costs nothing and {@link #knows} says so, so the run can warn instead of guessing.
 */
public final class PriceTable {

    /** A model's price in USD per million tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) {

        public double usd(final Usage usage) {
            return (usage.inputTokens() * inputPerMillion + usage.outputTokens() * outputPerMillion) / 1e6;
        }
    }

    /** List prices at the time of writing; {@code price.<model>=in,out} in the config file overrides them. */
    static Map<String, Price> defaults() {
        final Map<String, Price> p = new LinkedHashMap<>();
        p.put("claude-opus-4", new Price(15, 75));
        p.put("claude-sonnet-4", new Price(3, 15));
        p.put("claude-haiku-4", new Price(1, 5));
        p.put("claude-3-5-haiku", new Price(0.8, 4));
        p.put("gpt-4o-mini", new Price(0.15, 0.6));
        p.put("gpt-4o", new Price(2.5, 10));
        p.put("gpt-4.1-mini", new Price(0.4, 1.6));
        p.put("gpt-4.1", new Price(2, 8));
        p.put("o3", new Price(2, 8));
        return p;
    }

    private final Map<String, Price> prices;

    public PriceTable(final Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public boolean knows(final String model) {
        return price(model) != null;
    }

    /** What {@code usage} of {@code model} costs; 0 for a model without a price. */
    public double usd(final String model, final Usage usage) {
        final Price p = price(model);
        return p == null ? 0 : p.usd(usage);
    }

    private Price price(final String model) {
        final Price exact = prices.get(model);
        if (exact != null) {
            return exact;
        }
        return prices.entrySet().stream().filter(e -> model.startsWith(e.getKey()))
            .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
    }
}
