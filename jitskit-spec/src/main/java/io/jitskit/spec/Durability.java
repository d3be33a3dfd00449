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
 * @param level               the guarantee
 * @param groupCommitInterval for {@code COMMIT}, the longest an acknowledged operation may stay volatile; zero
 *                            otherwise
 */
public record Durability(Level level, Duration groupCommitInterval) {

    /** Durability levels, weakest first so that {@code compareTo} orders guarantees. */
    public enum Level { NONE, CHECKPOINT, COMMIT }

    public static final Duration DEFAULT_GROUP_COMMIT_INTERVAL = Duration.ofMillis(10);

    public Durability {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(groupCommitInterval, "groupCommitInterval");
        if (groupCommitInterval.isNegative()) {
            throw new IllegalArgumentException("group-commit interval must not be negative");
        }
    }

    public static Durability none() {
        return new Durability(Level.NONE, Duration.ZERO);
    }

    public static Durability checkpoint() {
        return new Durability(Level.CHECKPOINT, Duration.ZERO);
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

    /** Whether a store offering this durability meets {@code required}. */
    public boolean satisfies(final Durability required) {
        if (level.compareTo(required.level) < 0) {
            return false;
        }
        return level != Level.COMMIT || required.level != Level.COMMIT
            || groupCommitInterval.compareTo(required.groupCommitInterval) <= 0;
    }
}
