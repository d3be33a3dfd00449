/**
 * The reference store: the oracle every probe is checked against, and the slowest acceptable design.
 *
 * <p>{@link io.jitskit.stores.reference.ReferenceStore} is a {@link java.util.concurrent.ConcurrentHashMap} of
 * immutable values plus, when the spec asks for durability, one append-only log with checksummed records, checkpoint
 * metadata written atomically, and a snapshot that reclaims the log's space. Its class comment is the design essay.
 *
 * <p>Rules for this package: correctness and obviousness before speed. Every mutation takes one lock, so the log is
 * a linearization and every invariant can be checked by reading one method. Nothing here is clever; a change that
 * makes it faster at the price of an argument about correctness belongs in another store. Files are written in
 * little-endian order; every file this package writes is either append-only with per-record CRC32C, or written to a
 * temporary name, fsynced and renamed.
 */
package io.jitskit.stores.reference;
