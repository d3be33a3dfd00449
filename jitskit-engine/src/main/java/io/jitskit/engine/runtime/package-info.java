/**
 * What every generated store links to, whatever its engine: libc bindings through the FFM linker ({@link
 * io.jitskit.engine.runtime.Libc}), tables on transparent huge pages, directory fsync and atomic durable file replace.
 * Compiled into each store jar with the engine's components; see {@link io.jitskit.engine}.
 */
package io.jitskit.engine.runtime;
