/**
 * The larger-than-memory engine, whole: the index slot, meta word and record formats ({@code Layout}), the off-heap
 * hash index with stripe-locked claims ({@code HashIndex}), the set-associative read cache with CLOCK / FIFO eviction
 * and W-TinyLFU admission ({@code ReadCache}), a session's hybrid log with its in-memory tail and segment files
 * ({@code SingleWriterLog}, {@code SessionState}), the control word and session table ({@code OperationGate}), disk
 * and live-byte accounting ({@code LogSpace}), CPR checkpoints ({@code Checkpointer}, {@code Manifest}), recovery
 * ({@code LogRecovery}), segment and index compaction ({@code Compactor}), and the store, session and provider
 * ({@code LogStore}, {@code LogSession}, {@code LogStoreProvider}). Each reads its design choices from
 * {@code StoreConfig} (here the in-tree default; in a store, the one generated for its design, which opens with the
 * design essay) and is compiled into every larger-than-memory store's package; see {@link io.jitskit.engine}.
 */
package io.jitskit.engine.log;
