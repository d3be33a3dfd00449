/**
 * The store SPI: what every store implements, synthesized or baseline, and what the harness and the gate call.
 *
 * <p>A {@link io.jitskit.api.StoreProvider} opens a {@link io.jitskit.api.Store} for a spec and a data directory,
 * recovering whatever durable state the directory holds. Worker threads each open one
 * {@link io.jitskit.api.Session}; sessions are never shared. Keys and values travel in caller-owned
 * {@link java.lang.foreign.MemorySegment}s whose byte size is the key or value length, so the hot path allocates
 * nothing.
 *
 * <p>Each session numbers its operations: the n-th operation issued through a session has serial number
 * {@code base + n}, where {@code base} is the serial that session recovered to (0 for a fresh store). A
 * {@link io.jitskit.api.Checkpoint} reports, per session, the serial up to which that session's operations are
 * included (and none after); after a crash, {@link io.jitskit.api.Store#recovery()} reports the same numbers for the
 * state restored. This is FASTER's CPR contract, which lets the gate check recovery exactly.
 */
package io.jitskit.api;
