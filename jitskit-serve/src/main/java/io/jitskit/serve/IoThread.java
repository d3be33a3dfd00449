package io.jitskit.serve;

import io.jitskit.api.Session;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One I/O thread: a selector over its connections and the store session they all use. Sessions are not thread-safe,
 * so a session never leaves its thread: every request of every connection assigned here runs on this thread, in the
 * order the connection sent it, one at a time. Thread 0 also accepts, handing each new connection to the threads in
 * turn through their queues.
 */
final class IoThread implements Runnable {

    private final RespServer server;
    private final int index;
    private final Selector selector;
    private final ConcurrentLinkedQueue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
    private final ServerSocketChannel acceptor;
    private final RespParser parser;
    private final java.util.Set<Connection> connections = new java.util.HashSet<>();
    private volatile boolean running = true;
    private Commands commands;

    IoThread(final RespServer server, final int index, final ServerSocketChannel acceptor) throws IOException {
        this.server = server;
        this.index = index;
        this.selector = Selector.open();
        this.acceptor = acceptor;
        this.parser = new RespParser(server.rules().maxBulk());
        if (acceptor != null) {
            acceptor.register(selector, SelectionKey.OP_ACCEPT);
        }
    }

    /** Hands a connection to this thread; it is registered on the thread's next wake-up. */
    void adopt(final SocketChannel channel) {
        adopted.add(channel);
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try (Arena arena = Arena.ofConfined(); Session session = server.store().openSession(index)) {
            commands = new Commands(server, session, parser, arena);
            server.threadStarted();
            while (running) {
                selector.select();
                registerAdopted();
                final Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    final SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        accept();
                        continue;
                    }
                    final Connection c = (Connection) k.attachment();
                    try {
                        if (k.isReadable()) {
                            onReadable(c);
                        }
                        if (k.isValid() && k.isWritable()) {
                            serve(c);
                        }
                    } catch (final IOException e) {
                        close(c);
                    } catch (final RuntimeException e) {
                        // A bug of ours on one connection must not take the thread's other connections down.
                        System.err.println("jitskit serve: closing client " + c.id + " (" + c.peer + "): " + e);
                        close(c);
                    }
                }
            }
        } catch (final Throwable t) {
            server.threadFailed(index, t);
        } finally {
            for (final Connection c : List.copyOf(connections)) {
                close(c);
            }
            SocketChannel ch;
            while ((ch = adopted.poll()) != null) {
                closeQuietly(ch);
            }
            try {
                selector.close();
            } catch (final IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    private void accept() {
        try {
            SocketChannel ch;
            while ((ch = acceptor.accept()) != null) {
                server.assign(ch);
            }
        } catch (final IOException e) {
            // Out of file descriptors, say: the pending connection waits in the backlog; serving goes on.
            server.acceptFailed(e);
        }
    }

    private void registerAdopted() {
        SocketChannel ch;
        while ((ch = adopted.poll()) != null) {
            Connection c = null;
            try {
                c = server.newConnection(ch);
                if (c != null) {
                    c.key = ch.register(selector, SelectionKey.OP_READ, c);
                    connections.add(c);
                }
            } catch (final IOException e) {
                // The peer left before it was set up.
                if (c != null) {
                    server.connectionClosed();
                }
                closeQuietly(ch);
            }
        }
    }

    private void onReadable(final Connection c) throws IOException {
        if (c.closing) {
            return;
        }
        if (!c.makeRoom()) {
            protocolError(c, "request larger than " + c.maxInput + " bytes");
            flush(c);
            return;
        }
        final int n = c.channel.read(ByteBuffer.wrap(c.in, c.writePos, c.in.length - c.writePos));
        if (n < 0) {
            close(c);
            return;
        }
        c.writePos += n;
        serve(c);
    }

    /**
     * Executes and replies until the connection waits for input or for the client to read: when requests stopped at
     * the high-water mark and the replies then went out at once, the requests still buffered run now, since no
     * further event would come for them.
     */
    private void serve(final Connection c) throws IOException {
        while (true) {
            process(c);
            final boolean stoppedForOutput = c.out.pending() >= Connection.OUTPUT_HIGH_WATER;
            flush(c);
            if (!stoppedForOutput || !c.channel.isOpen() || c.out.pending() > 0) {
                return;
            }
        }
    }

    /** Executes the complete requests buffered, in order, until the input runs out or replies pile up. */
    private void process(final Connection c) {
        while (!c.closing && c.out.pending() < Connection.OUTPUT_HIGH_WATER && c.readPos < c.writePos) {
            final int end;
            try {
                end = parser.parse(c.in, c.readPos, c.writePos);
            } catch (final ProtocolException e) {
                protocolError(c, e.getMessage());
                return;
            }
            if (end == RespParser.INCOMPLETE) {
                break;
            }
            if (parser.count() > 0) {
                commands.execute(c);
            }
            c.readPos = end;
        }
        c.shrinkIfIdle();
    }

    private void protocolError(final Connection c, final String message) {
        c.out.error("Protocol error: " + message);
        c.closing = true;
        c.readPos = c.writePos;
        server.stats().protocolErrors.increment();
    }

    /** Writes what the channel takes now, then asks the selector for what the connection waits for next. */
    private void flush(final Connection c) throws IOException {
        if (!c.channel.isOpen()) {
            return;
        }
        if (c.out.pending() > 0) {
            final ByteBuffer view = c.out.pendingView();
            final int n = c.channel.write(view);
            c.out.consumed(n);
        }
        if (c.out.pending() == 0 && c.closing) {
            close(c);
            return;
        }
        int ops = 0;
        if (!c.closing && c.out.pending() < Connection.OUTPUT_HIGH_WATER) {
            ops |= SelectionKey.OP_READ;
        }
        if (c.out.pending() > 0) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (c.key.interestOps() != ops) {
            c.key.interestOps(ops);
        }
    }

    private void close(final Connection c) {
        if (connections.remove(c)) {
            server.connectionClosed();
        }
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
    }

    private static void closeQuietly(final SocketChannel ch) {
        try {
            ch.close();
        } catch (final IOException ignored) {
            // The peer is gone either way.
        }
    }
}
