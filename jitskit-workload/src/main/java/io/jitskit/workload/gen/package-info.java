/**
 * Generators for synthetic workloads: the per-thread PRNG, key distributions, value sizes, operation mixes and the
 * {@link io.jitskit.workload.OpSource}s built from them.
 *
 * <p>Rules: every generator belongs to one thread and allocates nothing per operation; anything expensive to set up
 * is either O(1) ({@link io.jitskit.workload.gen.ZipfianSampler} uses rejection-inversion, so no zeta sum) or
 * immutable and shared ({@link io.jitskit.workload.gen.BoundedPermutation}). All randomness flows from the run seed
 * through {@link io.jitskit.workload.gen.Rng#forStream}, so a run is reproducible from its seed and thread count.
 * Ids produced here are dense; only {@link io.jitskit.workload.KeySpace} turns them into the keys a store sees.
 */
package io.jitskit.workload.gen;
