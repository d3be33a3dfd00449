package io.jitskit.serve;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference store served on a free loopback port, for the tests; closes the server, then the store. */
public final class ServedStore implements AutoCloseable {

    /** 8-byte ids, 100-byte values, every operation, checkpoints. */
    public static final String ID8_CARD = """
        name: serve-id8
        environment:
          memory-budget: 256MiB
          threads: 2
          storage: {dir: DATA_DIR}
        workload:
          keys: {count: 10K, format: id8}
          values: {fixed: 100}
          mix: {read: 50, upsert: 50}
          distribution: uniform
          run: {duration: 1s}
        requirements:
          operations: [read, upsert, rmw, delete, insert]
          durability: checkpoint
        """;

    /** Variable keys of 16 to 64 bytes, values of 1 to 1000 bytes, no rmw, no durability. */
    static final String VARIABLE_CARD = """
        name: serve-variable
        environment:
          memory-budget: 256MiB
          threads: 2
          storage: {dir: DATA_DIR}
        workload:
          keys: {count: 10K, format: {variable: {uniform: [16, 64]}}}
          values: {uniform: [1, 1000]}
          mix: {read: 50, upsert: 50}
          distribution: uniform
          run: {duration: 1s}
        requirements:
          operations: [read, upsert, delete]
          durability: none
        """;

    /** 8-byte ids, values of 1 byte to 1 MiB, no durability: for requests of the largest sizes. */
    static final String LARGE_CARD = """
        name: serve-large
        environment:
          memory-budget: 512MiB
          threads: 2
        workload:
          keys: {count: 100, format: id8}
          values: {uniform: [1, 1MiB]}
          mix: {read: 50, upsert: 50}
          distribution: uniform
          run: {duration: 1s}
        requirements:
          operations: [read, upsert, delete]
          durability: none
        """;

    final Spec spec;
    final Store store;
    final RespServer server;

    public ServedStore(final String card, final Path dir, final int threads, final String password) throws Exception {
        this("reference", card, dir, threads, password);
    }

    ServedStore(final String storeName, final String card, final Path dir, final int threads, final String password)
        throws Exception {
        final Path data = Files.createDirectories(dir.resolve("data"));
        spec = SpecParser.parse(card.replace("DATA_DIR", data.toString()), dir.resolve("card.yaml"));
        store = StoreFactory.find(storeName).open(new StoreContext(spec, data));
        server = RespServer.start(store, spec, new ServerConfig(java.net.InetAddress.getLoopbackAddress(), 0,
            threads, password));
    }

    public int port() {
        return server.port();
    }

    RespClient client() throws java.io.IOException {
        return new RespClient(server.port());
    }

    @Override
    public void close() throws java.io.IOException {
        server.close();
        store.close();
    }
}
