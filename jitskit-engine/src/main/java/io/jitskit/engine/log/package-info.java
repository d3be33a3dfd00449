/**
 * Components of the larger-than-memory engine: the index slot, meta word and record formats ({@code Layout}), the
 * off-heap hash index with stripe-locked claims, and the set-associative read cache with CLOCK / FIFO eviction and
 * W-TinyLFU admission. Each reads its design choices from {@code StoreConfig} (here the in-tree default; in a store,
 * the one generated for its design) and is compiled into every larger-than-memory store's package; see
 * {@link io.jitskit.engine}. The log, session state, store and session are still templates.
 */
package io.jitskit.engine.log;
