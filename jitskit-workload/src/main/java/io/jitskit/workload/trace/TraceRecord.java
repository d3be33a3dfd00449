package io.jitskit.workload.trace;

/**
 * One parsed trace row, reused by a {@link TraceReader} for every row (the reader overwrites every field).
 * A key is numeric ({@link #textKey} null) or text, depending on the format.
 */
public final class TraceRecord {

    /** The row's timestamp in the trace's own unit (seconds in all supported formats). */
    public long time;
    /** The object id, for formats with numeric keys (oracleGeneral obj_id, libCacheSim CSV lbn). */
    public long numericKey;
    /** The key, for formats with text keys (Twitter, CacheLib); {@code null} otherwise. */
    public String textKey;
    /** The key's original length in bytes, for formats that record it (Twitter, CacheLib); 0 when unknown. */
    public int keySize;
    /** The operation, an {@code OpCode}. */
    public byte op;
    /** The value size in bytes; 0 on a read whose size the trace does not know. */
    public int size;
    /** How many identical requests the row stands for (CacheLib op_count; 1 elsewhere). */
    public int count;
    /** oracleGeneral's next_access_vtime (1-based position of the next request to the object, -1 for none). */
    public long nextAccess;
    /** Where the row is: 1-based line for text formats, 0-based record index for binary ones. */
    public long location;

    void reset(final long where) {
        time = 0;
        numericKey = 0;
        textKey = null;
        keySize = 0;
        op = 0;
        size = 0;
        count = 1;
        nextAccess = -1;
        location = where;
    }
}
