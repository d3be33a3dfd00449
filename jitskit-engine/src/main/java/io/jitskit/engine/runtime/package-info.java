/**
 * What every generated store links to, whatever its engine: libc bindings through the FFM linker ({@link
 * io.jitskit.engine.runtime.Libc}), positional file I/O with {@code O_DIRECT} or page-cache dropping ({@link
 * io.jitskit.engine.runtime.FileIo}), tables on transparent huge pages, directory fsync and atomic durable file replace.
 * Compiled into each store jar of either engine; see {@link io.jitskit.engine}.
 */
package io.jitskit.engine.runtime;
