package io.jitskit.cli;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.serve.RespServer;
import io.jitskit.serve.ServerConfig;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A store served over the Redis protocol until a client sends SHUTDOWN or the process gets SIGTERM. The store runs
 * in this JVM; keys and values must be ones the card allows (README, "Serving a store over the Redis protocol").
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve a store over the Redis protocol (RESP2/RESP3) until SHUTDOWN or SIGTERM.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec card file.")
    Path specFile;

    @Option(names = "--store", required = true, paramLabel = "NAME|JAR",
        description = "A store name (see 'jitskit stores') or a store jar (a synthesis run's best/store.jar).")
    String store;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "6379",
        description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs "
            + "--requirepass.")
    String bind;

    @Option(names = "--threads", paramLabel = "N", description = "I/O threads, one store session each (default: the "
        + "card's threads).")
    int threads;

    @Option(names = "--requirepass", paramLabel = "PW", description = "The password clients must give with AUTH.")
    String requirePass;

    @Option(names = "--data", paramLabel = "DIR", description = "The store's data directory; state found there is "
        + "recovered (default: runs/serve-<spec>-<time>/data).")
    Path data;

    @Option(names = "--port-file", paramLabel = "PATH", description = "Write the port listened on to PATH once "
        + "serving (for scripts that ask for --port 0).")
    Path portFile;

    @Override
    public Integer call() throws Exception {
        final Spec spec = Jitskit.specOrReport("serve", specFile);
        if (spec == null) {
            return Jitskit.EXIT_USAGE;
        }
        final StoreProvider provider;
        try {
            provider = StoreFactory.find(store);
        } catch (final StoreLoadException e) {
            System.err.println("jitskit serve: --store " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        final InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (final UnknownHostException e) {
            System.err.println("jitskit serve: --bind " + bind + ": not an address of this machine; give one such as "
                + "127.0.0.1");
            return Jitskit.EXIT_USAGE;
        }
        if (port < 0 || port > 65535) {
            System.err.println("jitskit serve: --port " + port + ": give a TCP port from 0 to 65535");
            return Jitskit.EXIT_USAGE;
        }
        if (threads < 0) {
            System.err.println("jitskit serve: --threads " + threads + ": give at least 1");
            return Jitskit.EXIT_USAGE;
        }
        final ServerConfig config = new ServerConfig(address, port,
            threads > 0 ? threads : spec.environment().threads(), requirePass);
        final String unsafe = config.unsafeReason();
        if (unsafe != null) {
            System.err.println("jitskit serve: " + unsafe);
            return Jitskit.EXIT_USAGE;
        }
        final Path dataDir = data != null ? data : Path.of("runs", "serve-" + spec.name() + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")), "data");
        Files.createDirectories(dataDir);
        final StoreContext context = new StoreContext(spec, dataDir);
        final String unsupported = provider.unsupportedReason(context);
        if (unsupported != null) {
            System.err.println("jitskit serve: --store " + provider.name() + " cannot serve " + specFile + ": "
                + unsupported);
            return Jitskit.EXIT_FAILED;
        }
        final Store opened;
        try {
            opened = provider.open(context);
        } catch (final IOException | RuntimeException e) {
            System.err.println("jitskit serve: --store " + provider.name() + " does not open on " + dataDir + ": "
                + e.getMessage());
            return Jitskit.EXIT_FAILED;
        }
        final RespServer server;
        try {
            server = RespServer.start(opened, spec, config);
        } catch (final BindException e) {
            opened.close();
            System.err.println("jitskit serve: --port " + port + ": cannot listen on " + bind + ":" + port + " ("
                + e.getMessage() + "); stop what holds it or give another --port");
            return Jitskit.EXIT_USAGE;
        } catch (final IOException | IllegalArgumentException e) {
            opened.close();
            System.err.println("jitskit serve: " + e.getMessage());
            return Jitskit.EXIT_FAILED;
        }
        final AtomicBoolean stopped = new AtomicBoolean();
        final boolean durable = spec.requirements().durability().isDurable();
        // SIGTERM (and Ctrl-C): stop serving, checkpoint a durable store as Redis saves on SIGTERM, close the store.
        final Thread hook = new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                server.close();
                try {
                    if (durable) {
                        opened.checkpoint();
                    }
                    opened.close();
                } catch (final IOException | RuntimeException e) {
                    System.err.println("jitskit serve: closing the store on exit: " + e.getMessage());
                }
            }
        }, "jitskit-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("serving " + provider.name() + " for " + spec.name() + " on " + server.address() + " ("
            + server.threads() + " I/O thread" + (server.threads() == 1 ? "" : "s") + ")");
        System.out.flush();
        if (portFile != null) {
            final Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, server.port() + "\n");
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        server.awaitStopRequest();
        // SHUTDOWN: the server already checkpointed unless NOSAVE; close it, then the store, here.
        if (stopped.compareAndSet(false, true)) {
            server.close();
            opened.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException exiting) {
                // Already shutting down: the hook finds the work done.
            }
        }
        if (server.failure() != null) {
            System.err.println("jitskit serve: stopped: " + server.failure());
            return Jitskit.EXIT_INTERNAL;
        }
        return 0;
    }
}
