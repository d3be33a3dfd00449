/**
 * The larger-than-memory engine: designs and a coder for stores whose data does not fit the card's usable memory.
 *
 * <p>A {@link io.jitskit.synth.engine.log.LogDesign} is one composition of the techniques in
 * {@link io.jitskit.synth.engine.log.LogTechnique}: an off-heap index of every key, per-session logs whose newest pages
 * stay in memory and whose older pages are written with {@code O_DIRECT} and read back with one pread, an optional
 * address-keyed read cache (CLOCK or FIFO, optionally W-TinyLFU admission), live-fraction compaction, and CPR
 * checkpoints of the index. {@link io.jitskit.synth.engine.log.LogDesign#initial} derives it from card fields;
 * {@link io.jitskit.synth.engine.log.LogStoreSourceGenerator#generate} writes the store's {@code StoreConfig} (the
 * design essay on top, the figures as constants) and takes every other unit from jitskit-engine's log and runtime
 * components; {@link io.jitskit.synth.engine.log.LogGeneratedStore#compile} compiles it with the
 * engine's {@link io.jitskit.synth.engine.StoreCompiler} into a store jar.
 *
 * <p>Rules of the package: no design rule reads a spec's name; every memory figure is planned against the usable
 * budget less a JVM allowance; store files never rest in the page cache; generated code allocates nothing per
 * operation and comments every fence and CAS; a card out of scope (variable keys, commit durability) is refused with
 * the field to change ({@link io.jitskit.synth.engine.DesignException}).
 */
package io.jitskit.synth.engine.log;
