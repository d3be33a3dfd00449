package io.jitskit.serve;

import java.net.InetAddress;
import java.util.Objects;

/**
 * How a {@link RespServer} listens.
 *
 * @param bind        the address to listen on; loopback unless the operator chose otherwise
 * @param port        the TCP port, 0 for any free one
 * @param threads     I/O threads, each with its own selector and store session
 * @param requirePass the password AUTH must give, or {@code null} for none
 */
public record ServerConfig(InetAddress bind, int port, int threads, String requirePass) {

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (0 to 65535)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, was " + threads);
        }
    }

    /** Loopback, port 0, {@code threads} I/O threads, no password: what the tests use. */
    public static ServerConfig loopback(final int threads) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, threads, null);
    }

    /**
     * Why this configuration may not start, or {@code null}: a server reachable beyond this machine without a
     * password would hand the store to anyone on the network.
     */
    public String unsafeReason() {
        if (!bind.isLoopbackAddress() && (requirePass == null || requirePass.isEmpty())) {
            return "--bind " + bind.getHostAddress() + " listens beyond this machine without a password; "
                + "give --requirepass PW, or bind 127.0.0.1";
        }
        return null;
    }
}
