/**
 * The static audit: rules over a store's bytecode, read with {@code java.lang.classfile}, that catch what running the
 * store may not (an exit path no run reached, a generator on the read path, reflection into the harness). Every
 * finding names class, method and source line.
 */
package io.jitskit.gate.audit;
