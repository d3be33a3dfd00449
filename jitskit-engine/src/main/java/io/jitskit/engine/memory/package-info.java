/**
 * The in-memory engine: the store ({@code JitStore}), its sessions ({@code JitSession}) and provider, and the
 * components they use: slot layout, session control blocks, value slabs, per-session commit logs and their
 * group-commit flusher, checkpoint capture and files. Each reads its design choices from {@code StoreConfig}
 * (here the in-tree default; in a store, the one generated for its design) and is compiled into every in-memory
 * store's package; see {@link io.jitskit.engine}.
 */
package io.jitskit.engine.memory;
