package io.jitskit.workload.trace;

import io.jitskit.workload.gen.Mix;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to non-negative ints (linear probing, power-of-two table, load factor at
 * most 1/2). Boxed maps cost ~60 bytes per entry; this one 24 at worst, which matters when a trace has tens of
 * millions of objects. Not thread-safe.
 */
final class LongIntHashMap {

    private static final int EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    LongIntHashMap(final int expected) {
        final int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        allocate(capacity);
    }

    private void allocate(final int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or {@code absent} stored as its value if the key is new; returns the stored value. */
    int putIfAbsent(final long key, final int absent) {
        int slot = (int) Mix.mix64(key) & mask;
        while (values[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = absent;
        if (++size * 2 > keys.length) {
            grow();
        }
        return absent;
    }

    private void grow() {
        final long[] oldKeys = keys;
        final int[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                int slot = (int) Mix.mix64(oldKeys[i]) & mask;
                while (values[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
