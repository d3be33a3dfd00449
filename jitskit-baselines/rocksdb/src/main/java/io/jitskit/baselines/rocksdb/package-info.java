/**
 * RocksDB through rocksdbjni, configured for point lookups within the card's memory budget.
 *
 * <p>Rules: keys and values cross JNI through each session's direct buffers, so the Java side allocates nothing per
 * operation; per-session serials live in their own column family and are written in the same batch or snapshot as
 * the data; the durability reported is the one configured, and a card asking for more is declined.
 */
package io.jitskit.baselines.rocksdb;
