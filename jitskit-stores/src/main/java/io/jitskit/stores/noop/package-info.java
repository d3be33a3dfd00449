/**
 * The no-op store: forgets every write the moment it is made, to measure what the harness costs on its own.
 *
 * <p>It is not correct and must never be presented as correct: it fails retention, read-after-write and every
 * recovery check by design, and it does not run the store contract suite. Its one use is the ceiling: the throughput
 * a run reaches when the store does nothing is the harness's own limit.
 */
package io.jitskit.stores.noop;
