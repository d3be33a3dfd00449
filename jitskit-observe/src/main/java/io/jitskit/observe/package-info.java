/**
 * The measuring instrument of the harness: what a store costs in memory, CPU, I/O and JVM work, read from outside
 * the store's process ({@code /proc}, {@code mincore(2)}) and from inside it (JFR streaming, JVM counters).
 *
 * <ul>
 *   <li>{@link io.jitskit.observe.budget} enforces a card's memory budget from a parent process watching a child JVM:
 *       the charged bytes, the sampler thread and its verdict.</li>
 *   <li>{@link io.jitskit.observe.proc} reads one process (or this one) through {@code /proc}: resident memory,
 *       I/O counters, per-thread CPU time.</li>
 *   <li>{@link io.jitskit.observe.pagecache} counts how many bytes of a set of files sit in the page cache.</li>
 *   <li>{@link io.jitskit.observe.jfr} accumulates the JFR leading indicators (GC pauses, allocation, lock
 *       contention, parking) of the process it runs in.</li>
 *   <li>{@link io.jitskit.observe.os} holds the Linux and libc bindings the others share.</li>
 *   <li>{@link io.jitskit.observe.testing} holds a memory hog that tests launch as a child JVM.</li>
 * </ul>
 *
 * <p>Rules: everything here is off the store's timed path; nothing is sampled from inside a worker's loop. Linux
 * only: every entry point that needs {@code /proc} or libc fails at once, with a message saying so, elsewhere.
 */
package io.jitskit.observe;
