package io.jitskit.workload.gen;

/** Every loaded id equally likely. */
public final class UniformKeys implements KeyChooser {

    private final long keyCount;

    public UniformKeys(final long keyCount) {
        if (keyCount <= 0) {
            throw new IllegalArgumentException("key count must be positive, was " + keyCount);
        }
        this.keyCount = keyCount;
    }

    @Override
    public long nextKeyId(final Rng rng) {
        return rng.nextLong(keyCount);
    }
}
