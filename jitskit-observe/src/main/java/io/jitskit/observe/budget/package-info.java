/**
 * The memory budget of CONTRACTS.md section 4.6, enforced from a parent process that watches the store's JVM:
 * what is charged ({@link io.jitskit.observe.budget.MemoryBudget}), one measurement
 * ({@link io.jitskit.observe.budget.BudgetSample}), the sampler thread and its time series
 * ({@link io.jitskit.observe.budget.BudgetWatcher}), and the outcome with its figures
 * ({@link io.jitskit.observe.budget.Verdict}).
 *
 * <p>Rules: the formula lives in one place, {@link io.jitskit.observe.budget.BudgetSample#chargedBytes()}, and is
 * documented on {@link io.jitskit.observe.budget.MemoryBudget}. A sample that cannot be taken is a failure of the
 * run, never a pass: a budget that was not measured was not met.
 */
package io.jitskit.observe.budget;
