package io.jitskit.serve;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client: its channel, its unparsed input, its pending replies and its protocol state. Owned by one I/O thread.
 *
 * <p>Input is bounded: the buffer starts small and doubles up to {@link #maxInput}, enough for one request of the
 * card's largest key and value several times over; a request that would need more is refused. Parsed requests are
 * executed in order; while the pending replies exceed {@link #OUTPUT_HIGH_WATER} no further request is executed and
 * the connection is not read, so a client that pipelines without reading cannot grow the server's memory.
 */
final class Connection {

    /** Pending reply bytes above which the connection's further requests wait until the client reads. */
    static final int OUTPUT_HIGH_WATER = 1 << 20;

    final long id;
    final SocketChannel channel;
    final RespWriter out = new RespWriter();
    final String peer;
    final long createdMillis = System.currentTimeMillis();
    SelectionKey key;
    byte[] in = new byte[1024];
    /** Start of the unparsed input. */
    int readPos;
    /** End of the input read so far. */
    int writePos;
    final int maxInput;
    boolean authenticated;
    String name = "";
    /** Close once the pending replies are written (QUIT, a protocol error). */
    boolean closing;

    Connection(final long id, final SocketChannel channel, final int maxInput, final boolean authenticated,
        final String peer) {
        this.id = id;
        this.channel = channel;
        this.maxInput = maxInput;
        this.authenticated = authenticated;
        this.peer = peer;
    }

    /**
     * Makes room to read more: moves the unparsed bytes to the front, and doubles the buffer when they fill it.
     *
     * @return false when the buffer is already at its cap and full: the pending request is too large
     */
    boolean makeRoom() {
        if (readPos > 0) {
            System.arraycopy(in, readPos, in, 0, writePos - readPos);
            writePos -= readPos;
            readPos = 0;
        }
        if (writePos < in.length) {
            return true;
        }
        if (in.length >= maxInput) {
            return false;
        }
        in = Arrays.copyOf(in, Math.min(maxInput, in.length * 2));
        return true;
    }

    /** Gives back a grown input buffer once it is empty, so that idle connections stay small. */
    void shrinkIfIdle() {
        if (readPos == writePos) {
            readPos = 0;
            writePos = 0;
            if (in.length > 64 * 1024) {
                in = new byte[1024];
            }
        }
    }
}
