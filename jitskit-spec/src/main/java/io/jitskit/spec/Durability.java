package io.jitskit.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * What survives a crash.
 *
 * <ul>
 *   <li>{@link Level#NONE}: nothing; recovery starts empty.</li>
 *   <li>{@link Level#CHECKPOINT}: CPR-style prefix recovery. A completed checkpoint reports, per session, the serial
 *       number up to which that session's operations are included; recovery restores exactly those prefixes.</li>
 *   <li>{@link Level#COMMIT}: every operation acknowledged at least {@code groupCommitInterval} before the crash
 *       survives, and recovery is still a per-session prefix.</li>
 * </ul>
 *
 * <p>A checkpoint card may bound what its checkpoints cost the writers: {@code checkpointEvery} is how often the
 * application checkpoints, {@code maxWriterPause} the longest any writer may stall while a checkpoint runs. The gate
 * checkpoints at that interval and rejects a store whose writers stall longer (a checkpoint that quiesces writers and
 * walks the whole index stalls them for the walk). Both are null when the card does not say: checkpoints then come
 * as the caller takes them, and the gate holds writers' stalls to its own loose limit.
 *
 * @param level               the guarantee
 * @param groupCommitInterval for {@code COMMIT}, the longest an acknowledged operation may stay volatile; zero
 *                            otherwise
 * @param checkpointEvery     for {@code CHECKPOINT}, the interval between the application's checkpoints, or null
 * @param maxWriterPause      for {@code CHECKPOINT}, the longest a writer may stall during a checkpoint, or null
 */
public record Durability(Level level, Duration groupCommitInterval, Duration checkpointEvery,
                         Duration maxWriterPause) {

    /** Durability levels, weakest first so that {@code compareTo} orders guarantees. */
    public enum Level { NONE, CHECKPOINT, COMMIT }

    public static final Duration DEFAULT_GROUP_COMMIT_INTERVAL = Duration.ofMillis(10);

    public Durability {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(groupCommitInterval, "groupCommitInterval");
        if (groupCommitInterval.isNegative()) {
            throw new IllegalArgumentException("group-commit interval must not be negative");
        }
        if ((checkpointEvery != null || maxWriterPause != null) && level != Level.CHECKPOINT) {
            throw new IllegalArgumentException("a checkpoint interval or writer-pause bound needs durability checkpoint");
        }
        if (checkpointEvery != null && !checkpointEvery.isPositive()
            || maxWriterPause != null && !maxWriterPause.isPositive()) {
            throw new IllegalArgumentException("checkpoint interval and writer-pause bound must be positive");
        }
        if (checkpointEvery != null && maxWriterPause != null && maxWriterPause.compareTo(checkpointEvery) > 0) {
            throw new IllegalArgumentException("writer-pause bound " + maxWriterPause + " exceeds the checkpoint "
                + "interval " + checkpointEvery);
        }
    }

    /** A guarantee without checkpoint bounds. */
    public Durability(final Level level, final Duration groupCommitInterval) {
        this(level, groupCommitInterval, null, null);
    }

    public static Durability none() {
        return new Durability(Level.NONE, Duration.ZERO);
    }

    public static Durability checkpoint() {
        return new Durability(Level.CHECKPOINT, Duration.ZERO);
    }

    /**
     * Checkpoints every {@code every} whose writers stall at most {@code maxWriterPause}; either may be null (not
     * said).
     */
    public static Durability checkpoint(final Duration every, final Duration maxWriterPause) {
        return new Durability(Level.CHECKPOINT, Duration.ZERO, every, maxWriterPause);
    }

    public static Durability commit(final Duration interval) {
        return new Durability(Level.COMMIT, interval);
    }

    /** The guarantee of {@code level}; {@code interval} is the group-commit interval, used by COMMIT only. */
    public static Durability of(final Level level, final Duration interval) {
        return switch (level) {
            case NONE -> none();
            case CHECKPOINT -> checkpoint();
            case COMMIT -> commit(interval);
        };
    }

    /** Whether anything must survive a crash. */
    public boolean isDurable() {
        return level != Level.NONE;
    }

    /** Whether the card bounds the writers' stall during a checkpoint. */
    public boolean boundsWriterPause() {
        return maxWriterPause != null;
    }

    /**
     * Whether a store offering this durability meets {@code required}. The checkpoint bounds are not a store's
     * claim but what the gate measures, so they take no part here.
     */
    public boolean satisfies(final Durability required) {
        if (level.compareTo(required.level) < 0) {
            return false;
        }
        return level != Level.COMMIT || required.level != Level.COMMIT
            || groupCommitInterval.compareTo(required.groupCommitInterval) <= 0;
    }
}
