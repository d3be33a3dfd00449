/**
 * The offline synthesis engine for in-memory stores: a catalog of techniques, designs that compose them, and a
 * coder that emits a specialized store and compiles it.
 *
 * <p>{@link io.jitskit.synth.engine.Technique} lists what the engine knows, each with a rationale and the card
 * conditions under which it applies. A {@link io.jitskit.synth.engine.Design} is one composition with its numeric
 * parameters, derived from card fields by {@link io.jitskit.synth.engine.Design#initial} and varied by
 * {@link io.jitskit.synth.engine.Design#neighbours}. {@link io.jitskit.synth.engine.StoreSourceGenerator} writes
 * the design's {@code StoreConfig} of constants, takes the engine's components from jitskit-engine (ordinary Java
 * that reads that config, the store, session and provider included; see {@code io.jitskit.engine}), with the design
 * essay on top of the config; {@link io.jitskit.synth.engine.StoreCompiler} compiles them together, warning-free,
 * against the SPI only and packages a store jar.
 *
 * <p>Rules of the package: no design rule reads a spec's name; no code path the design does not use survives
 * compilation (a component guards it with a {@code StoreConfig} constant); generated code allocates nothing per operation and comments every fence and CAS; a spec the engine cannot
 * serve is refused with figures ({@link io.jitskit.synth.engine.DesignException}), never approximated.
 */
package io.jitskit.synth.engine;
