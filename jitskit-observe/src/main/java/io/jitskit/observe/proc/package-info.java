/**
 * One process, read through {@code /proc}: resident memory ({@link io.jitskit.observe.proc.ProcessMemory},
 * {@link io.jitskit.observe.proc.SmapsRollup}), I/O counters ({@link io.jitskit.observe.proc.ProcIo}), per-thread
 * CPU time of any process ({@link io.jitskit.observe.proc.ProcCpu}) and of this one's threads
 * ({@link io.jitskit.observe.proc.ThreadCpu}).
 *
 * <p>Rules: a reading is an immutable record of raw counters in bytes or nanoseconds, never a rate; rates and
 * deltas are computed by whoever holds two readings ({@code minus}). A process that has exited is reported as
 * {@link io.jitskit.observe.proc.ProcessGoneException}, a file the kernel withholds (another user's
 * {@code /proc/<pid>/io}) as an empty {@link java.util.Optional}, anything else as an
 * {@link java.io.UncheckedIOException} naming the file. Cheap reads ({@code status}, {@code io}, {@code stat}) take
 * microseconds; {@code smaps_rollup} walks the page tables and is kept out of per-sample loops.
 */
package io.jitskit.observe.proc;
