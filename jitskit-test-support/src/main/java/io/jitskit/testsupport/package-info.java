/**
 * What every store is tested with: the store contract suite, the SIGKILL crash drill, and the small specs and
 * encodings they share.
 *
 * <p>A store gets the whole suite through a thin subclass of {@link io.jitskit.testsupport.StoreContractTest} that
 * names its provider. The suite checks only what the SPI and the spec promise, never how a store keeps its data, so it
 * runs unchanged on the reference, on baselines and on synthesized stores. The crash drill,
 * {@link io.jitskit.testsupport.CrashDrill}, runs the store in a child JVM, kills it with SIGKILL and checks that
 * recovery restores exactly the per-session prefixes it reports.
 *
 * <p>Rules: every randomized test derives all its randomness from one seed and names that seed in each assertion
 * message, so a failure is reproduced by rerunning with it (system property {@code jitskit.test.seed}, see
 * {@link io.jitskit.testsupport.StoreContractTest#SEED_PROPERTY}).
 * These are main sources so other modules can depend on them in test scope; nothing here may be used by a store.
 */
package io.jitskit.testsupport;
