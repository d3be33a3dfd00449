package io.jitskit.api;

import java.lang.foreign.MemorySegment;

/**
 * One thread's handle on a store. Never shared between threads. Every operation advances {@link #serial()} by one.
 *
 * <p>Keys and values are caller-owned segments whose {@code byteSize()} is the key or value length; the store must
 * copy what it keeps and must not retain the segments. A value whose size the spec does not allow is rejected with a
 * {@link ValueSizeException}, never padded or cut.
 */
public interface Session extends AutoCloseable {

    /** Returned by {@link #read} when the key is absent. */
    int NOT_FOUND = -1;

    /** The id this session was opened with. */
    int id();

    /** Serial number of this session's last operation (its recovered serial before the first). */
    long serial();

    /**
     * Reads the value of {@code key} into {@code out}.
     *
     * @return the value's length, or {@link #NOT_FOUND}
     * @throws BufferTooSmallException when the value does not fit in {@code out}; nothing is truncated
     */
    int read(MemorySegment key, MemorySegment out);

    /** Sets {@code key} to {@code value}, inserting it if absent. */
    void upsert(MemorySegment key, MemorySegment value);

    /**
     * Read-modify-write with {@code add-u64} semantics: adds {@code delta} to the little-endian counter in the first 8
     * bytes of the value, the rest unchanged. An absent key is first set to {@code initial}.
     *
     * @return the counter after the update
     */
    long rmw(MemorySegment key, long delta, MemorySegment initial);

    /**
     * Deletes {@code key}.
     *
     * @return whether the key was present
     */
    boolean delete(MemorySegment key);

    /**
     * Inserts {@code key} only if absent.
     *
     * @return whether it was inserted
     */
    boolean insert(MemorySegment key, MemorySegment value);

    /** Ends the session. Does not imply durability. */
    @Override
    void close();
}
