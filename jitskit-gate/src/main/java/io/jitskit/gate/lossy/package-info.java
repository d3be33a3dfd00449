/**
 * The lossy file layer: a {@link java.nio.file.FileSystem} over the default one that journals every write, fsync,
 * creation, rename and deletion a store makes, so that after the store's process is killed the gate can turn its data
 * directory into what a power loss would have left (the idea of Jepsen's lazyfs, done in-process through NIO).
 *
 * <p>Rules: the journal lives outside the store's directory; a record is written before the change it undoes; fsync
 * marks are written after the fsync returned; {@link io.jitskit.gate.lossy.UndoJournal#applyPowerLoss} runs only
 * once the writing process is dead. What is and is not simulated is spelled out on
 * {@code LossyFileSystemProvider}.
 */
package io.jitskit.gate.lossy;
