/**
 * H2's MVStore: a log-structured, copy-on-write B-tree store in one file, persisted only by explicit commits.
 *
 * <p>Rules: autocommit is off, so the file changes only at a commit the adapter takes while sessions are stopped;
 * the session serials are a map in the same store, committed in the same version as the data.
 */
package io.jitskit.baselines.mvstore;
