/**
 * Linux facts and libc calls shared by the instruments: the platform check, page size, clock ticks, and the few
 * libc functions reached through the FFM API ({@code mincore}, {@code posix_fadvise}, {@code open}, {@code close},
 * {@code sysconf}).
 *
 * <p>Rules: bindings are resolved lazily (a holder class), so loading these classes on another OS is harmless and
 * the first call fails with a clear message. Every downcall that can fail captures {@code errno} and turns it into
 * an {@link java.io.IOException} naming the call, the file and the error. FFM downcalls are restricted methods: the
 * JVM that uses them should run with {@code --enable-native-access=ALL-UNNAMED}, or it prints a warning once.
 */
package io.jitskit.observe.os;
