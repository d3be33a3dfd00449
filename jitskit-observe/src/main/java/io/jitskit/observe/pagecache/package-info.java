/**
 * How many bytes of a set of files sit in the page cache, counted with {@code mincore(2)} through the FFM API,
 * without reading or faulting in a single page.
 *
 * <p>Rules: the instrument must not disturb what it measures. Files are opened read-only and mapped read-only; the
 * mapping is handed to the kernel and never dereferenced, so the scan neither reads the disk nor adds pages to the
 * cache, nor to the scanning process's resident set. Files that vanish, shrink or grow during a scan are counted as
 * they are at the moment each one is mapped; a scan is a sample, not a snapshot.
 */
package io.jitskit.observe.pagecache;
