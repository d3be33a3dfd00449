/**
 * Chronicle Map: an off-heap hash map with per-segment locks, the closest library peer of a specialized in-memory
 * hash store.
 *
 * <p>Rules: durability {@code none} only (see {@link io.jitskit.baselines.chronicle.ChronicleMapStore} for why a
 * persisted Chronicle Map cannot give CPR checkpoints cheaply); the JVM must be started with
 * {@link io.jitskit.baselines.chronicle.ChronicleMapProvider#JVM_ARGS} on JDK 25.
 */
package io.jitskit.baselines.chronicle;
