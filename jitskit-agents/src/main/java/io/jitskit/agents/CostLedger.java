package io.jitskit.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jitskit.agents.config.PriceTable;
import io.jitskit.agents.model.Usage;
import io.jitskit.synth.loop.CostMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each role spent, per iteration, from the usage the providers report and the price table; the loop's
 * {@link CostMeter}.
 *
 * <p>Every {@link #takeUsd()} closes one row (the iteration being recorded); every charge rewrites
 * {@code agents/cost.json} in the run directory (spend not yet booked to an iteration, such as an audit after the
 * last one, shows as unbooked), so the per-role breakdown survives any interruption. Once the total reaches the dollar
 * budget, or a role reports that its model cannot go on ({@link #halt}), {@link #stopReason()} says so and the loop
 * ends cleanly between iterations. Thread-safe: roles and the loop may call from different threads.
 */
public final class CostLedger implements CostMeter {

    /** One iteration's spend. */
    public record Row(int row, Map<String, Double> usdByRole, Map<String, Long> inputTokensByRole,
                      Map<String, Long> outputTokensByRole, double usd) { }

    /** The file's shape. */
    record Ledger(String schema, double budgetUsd, double totalUsd, Map<String, Double> usdByRole, List<Row> rows,
                  Map<String, Double> unbookedUsdByRole, String stopReason) { }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PriceTable prices;
    private final double budgetUsd;
    private final Path file;
    private final Map<AgentRole, Double> open = new EnumMap<>(AgentRole.class);
    private final Map<AgentRole, Usage> openTokens = new EnumMap<>(AgentRole.class);
    private final Map<AgentRole, Double> total = new EnumMap<>(AgentRole.class);
    private final List<Row> rows = new ArrayList<>();
    private String halted;

    /**
     * @param budgetUsd the run's budget in dollars, or 0 for none
     * @param file      where the ledger is written, or null to keep it in memory
     */
    public CostLedger(final PriceTable prices, final double budgetUsd, final Path file) {
        this.prices = prices;
        this.budgetUsd = budgetUsd;
        this.file = file;
    }

    public PriceTable prices() {
        return prices;
    }

    /** Books a reply of {@code model} to {@code role}; returns its cost. */
    public synchronized double charge(final AgentRole role, final String model, final Usage usage) {
        return chargeUsd(role, prices.usd(model, usage), usage);
    }

    /** Books a cost the backend reported itself (a coding agent's {@code total_cost_usd}). */
    public synchronized double chargeUsd(final AgentRole role, final double usd, final Usage usage) {
        open.merge(role, usd, Double::sum);
        openTokens.merge(role, usage, Usage::plus);
        total.merge(role, usd, Double::sum);
        write();
        return usd;
    }

    /** A role's model cannot go on: the loop stops before its next iteration. The first reason wins. */
    public synchronized void halt(final String reason) {
        if (halted == null) {
            halted = reason;
            write();
        }
    }

    public synchronized double totalUsd() {
        return total.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public synchronized Map<AgentRole, Double> byRole() {
        return new EnumMap<>(total);
    }

    @Override
    public synchronized double takeUsd() {
        final Map<String, Double> usd = new LinkedHashMap<>();
        final Map<String, Long> in = new LinkedHashMap<>();
        final Map<String, Long> out = new LinkedHashMap<>();
        double sum = 0;
        for (final AgentRole r : AgentRole.values()) {
            final double d = open.getOrDefault(r, 0.0);
            final Usage u = openTokens.getOrDefault(r, Usage.NONE);
            if (d > 0 || u.inputTokens() > 0 || u.outputTokens() > 0) {
                usd.put(r.id(), d);
                in.put(r.id(), u.inputTokens());
                out.put(r.id(), u.outputTokens());
                sum += d;
            }
        }
        open.clear();
        openTokens.clear();
        rows.add(new Row(rows.size() + 1, usd, in, out, sum));
        write();
        return sum;
    }

    @Override
    public synchronized String stopReason() {
        if (halted != null) {
            return halted;
        }
        if (budgetUsd > 0 && totalUsd() >= budgetUsd) {
            return String.format(Locale.ROOT, "model budget of $%.2f spent ($%.4f)", budgetUsd, totalUsd());
        }
        return null;
    }

    /** Whether the budget is spent: a role mid-iteration stops asking for more turns. */
    public synchronized boolean overBudget() {
        return budgetUsd > 0 && totalUsd() >= budgetUsd;
    }

    private void write() {
        if (file == null) {
            return;
        }
        final Map<String, Double> roles = new LinkedHashMap<>();
        total.forEach((r, d) -> roles.put(r.id(), d));
        final Map<String, Double> unbooked = new LinkedHashMap<>();
        open.forEach((r, d) -> unbooked.put(r.id(), d));
        try {
            Files.createDirectories(file.getParent());
            final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new Ledger("jitskit.agent-cost/1", budgetUsd, totalUsd(), roles, rows,
                unbooked, stopReason()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException(file + ": cannot write the cost ledger", e);
        }
    }
}
