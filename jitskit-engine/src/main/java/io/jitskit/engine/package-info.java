/**
 * The engine core: the parts of a generated store as ordinary Java, compiled and unit-tested in this module, and
 * specialized per design by a generated class of compile-time constants.
 *
 * <h2>How a store is assembled</h2>
 *
 * <pre>
 *  design ──► generator ──► StoreConfig.java      static final constants (sizes, flags, names), the essay
 *                      └──► Log* (log engine)     the parts still rendered from templates
 *  jitskit-engine.jar ────► memory|log/*.java, runtime/*.java  (sources as resources, see EngineSources)
 *                                │ package line and imports moved into the store's package
 *                                ▼
 *                javac --release 25 -Xlint:all -Werror, all together ──► store.jar (one package, own loader)
 * </pre>
 *
 * <p>A component reads every design choice as {@code StoreConfig.X}. javac folds a constant condition and leaves the
 * untaken branch out of the bytecode, so {@code if (StoreConfig.SLAB) ...} costs a store without slabs nothing, as a
 * template's {@code //#if SLAB} did, and the JIT sees a constant where a value is spliced. That is why components are
 * compiled into each store against its own config rather than linked pre-compiled: a pre-compiled class would have
 * inlined the in-tree default's values. The store jar's class loader admits only the SPI and the JDK
 * ({@code io.jitskit.api.StoreFactory}), and needs no change: every component, runtime ones included, is in the jar.
 *
 * <h2>Packages</h2>
 * <ul>
 *   <li>{@code io.jitskit.engine.memory}: components of the in-memory engine, with the in-tree default
 *       {@code StoreConfig} they are tested against (never shipped).</li>
 *   <li>{@code io.jitskit.engine.log}: components of the larger-than-memory engine, with their own default
 *       {@code StoreConfig}.</li>
 *   <li>{@code io.jitskit.engine.runtime}: what every store links to, whatever its engine: libc bindings, huge pages,
 *       durable file replace, the checked framing of every store file ({@code Frames}, {@code CheckedLines}).</li>
 *   <li>{@code io.jitskit.engine}: {@link io.jitskit.engine.EngineSources}, which the generator reads the sources
 *       through; not shipped.</li>
 * </ul>
 *
 * <h2>Adding a component</h2>
 * <ol>
 *   <li>Write a package-private final class in {@code memory} or {@code log} (or a public one in {@code runtime}),
 *       reading design choices only from its package's {@code StoreConfig}; a new constant goes into the default
 *       {@code StoreConfig} and into the generator's config writer (a test checks both declare the same fields).</li>
 *   <li>Test it beside the code against the default config; name the test for the behaviour it checks.</li>
 *   <li>List it in {@link io.jitskit.engine.EngineSources#MEMORY}, {@link io.jitskit.engine.EngineSources#LOG} or
 *       {@link io.jitskit.engine.EngineSources#RUNTIME} (a test checks every source file is listed).</li>
 * </ol>
 * Names of the shipped packages are rewritten textually: refer to other components by simple name or by an import, and
 * keep class names unique across {@code runtime} and each engine package, since they meet in one package in a store.
 */
package io.jitskit.engine;
