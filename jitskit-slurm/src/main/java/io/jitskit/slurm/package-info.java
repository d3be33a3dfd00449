/**
 * Work on a Slurm cluster ({@link io.jitskit.slurm.SlurmJob}): a command line submitted with {@code sbatch}, followed
 * with {@code sacct}, retried once when the cluster rather than the command ended it. {@code bin/slurm-local} starts a
 * one-node cluster on this machine for the tests and for trying it out.
 */
package io.jitskit.slurm;
