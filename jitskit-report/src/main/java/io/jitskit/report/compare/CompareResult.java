package io.jitskit.report.compare;

import java.util.List;

/**
 * A whole comparison as {@code compare.json} holds it (schema {@value #SCHEMA}).
 *
 * @param schema          always {@link #SCHEMA}
 * @param spec            the spec's name
 * @param specFile        the spec file
 * @param startedAt       ISO-8601 start
 * @param finishedAt      ISO-8601 end
 * @param runsPerStore    runs asked for per configuration
 * @param threads         worker threads
 * @param durationSeconds run-phase length if overridden, or null for the spec's
 * @param sweep           whether knob grids were swept
 * @param ratioDefinition what {@code ratioToBestPeer} means, in words
 * @param order           the labels of the runs in execution order, as {@code round:label}
 * @param stores          the final table: one row per store (its best configuration when swept), fastest first;
 *                        out-of-process rows are flagged by their category
 * @param configurations  every configuration run, the whole grid when swept, ordered as {@code stores} but without
 *                        ratios (a configuration's peers are not only other stores); equal to {@code stores}
 *                        without a sweep
 * @param grids           the knob grids swept, empty without {@code --sweep}
 */
public record CompareResult(String schema, String spec, String specFile, String startedAt, String finishedAt,
                            int runsPerStore, int threads, Double durationSeconds, boolean sweep,
                            String ratioDefinition, List<String> order, List<StoreAggregate> stores,
                            List<StoreAggregate> configurations, List<KnobGrid> grids) {

    public static final String SCHEMA = "jitskit.compare/1";

    public static final String RATIO_DEFINITION = "ratio to the best peer = this store's median Mops/s divided by the "
        + "highest median Mops/s among the OTHER stores with a number; above 1 the store leads every peer by that "
        + "factor, below 1 it trails the best peer; none when either side has no number (failed or skipped)";

    public CompareResult {
        order = List.copyOf(order);
        stores = List.copyOf(stores);
        configurations = List.copyOf(configurations);
        grids = grids == null ? List.of() : List.copyOf(grids);
    }
}
