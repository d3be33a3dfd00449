/**
 * LMDB through lmdbjava: a copy-on-write B+tree in one memory-mapped file, one writer at a time.
 *
 * <p>Rules: every write transaction carries the session's serial beside the data change, so whatever LMDB commits
 * (and after a process kill it keeps every commit) is described exactly by the serials it holds; reads reuse one
 * read transaction per session (reset/renew) and copy out of the map before it is reset.
 */
package io.jitskit.baselines.lmdb;
