package io.jitskit.ycsb;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.htrace.core.HTraceConfiguration;
import org.apache.htrace.core.Tracer;
import site.ycsb.Client;
import site.ycsb.ClientThread;
import site.ycsb.DB;
import site.ycsb.DBFactory;
import site.ycsb.Workload;
import site.ycsb.measurements.Measurements;
import site.ycsb.measurements.exporter.TextMeasurementsExporter;

/**
 * YCSB's load phase and then its run phase in one JVM, on one open store: what {@code bin/ycsb --one-jvm} runs.
 *
 * <p>YCSB's {@code site.ycsb.Client} runs one phase per JVM and ends it with {@code System.exit}, so this drives the
 * same public pieces it is made of: {@code DBFactory.newDB} (YCSB's {@code DBWrapper}, which measures every call),
 * one {@code ClientThread} per thread, the workload class, and the text exporter, which prints the same
 * {@code [OVERALL]}, {@code [READ]}, ... and {@code [VERIFY]} lines. The store is held open across the two phases, so
 * the run phase reads what the load phase wrote without a checkpoint or a recovery (the two-JVM flow, YCSB's own
 * {@code Client} twice, tests those); it is checkpointed (durable cards) and closed at the end. YCSB keeps its
 * measurements in a static singleton with no reset, so it is cleared between the phases by reflection: each phase
 * reports only its own operations, as in two JVMs.
 *
 * <p>Arguments as YCSB's client takes them ({@code -db CLASS -P FILE -p K=V -threads N -target N -s}); {@code -load}
 * and {@code -t} are ignored, both phases run. Output: {@code # load} then the load's measurements, {@code # run} then
 * the run's.
 */
public final class LoadAndRun {

    private LoadAndRun() {
    }

    public static void main(final String[] args) throws Exception {
        System.exit(run(args, System.out) ? 0 : 1);
    }

    /** Loads and runs; returns whether every thread did all its operations. */
    public static boolean run(final String[] args, final PrintStream out) throws Exception {
        final Properties props = parse(args);
        final OpenStores.Shared pinned = OpenStores.acquire(props);
        try {
            final boolean loaded = phase(props, false, out);
            return phase(props, true, out) && loaded;
        } finally {
            OpenStores.release(pinned);
        }
    }

    static Properties parse(final String[] args) throws IOException {
        final Properties fromFiles = new Properties();
        final Properties given = new Properties();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-P" -> {
                    try (InputStream in = Files.newInputStream(Path.of(args[++i]))) {
                        fromFiles.load(in);
                    }
                }
                case "-p" -> {
                    final String kv = args[++i];
                    final int eq = kv.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("-p " + kv + ": give -p name=value");
                    }
                    given.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "-db" -> given.setProperty(Client.DB_PROPERTY, args[++i]);
                case "-threads" -> given.setProperty(Client.THREAD_COUNT_PROPERTY, args[++i]);
                case "-target" -> given.setProperty(Client.TARGET_PROPERTY, args[++i]);
                case "-load", "-t", "-s" -> {
                    // Both phases run; the status thread is not started.
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; give YCSB client "
                    + "arguments: -db CLASS -P FILE -p K=V -threads N -target N");
            }
        }
        // As YCSB's client: -p overrides what the property files say.
        final Properties props = new Properties();
        props.putAll(fromFiles);
        props.putAll(given);
        props.putIfAbsent(Client.DB_PROPERTY, JitskitDB.class.getName());
        return props;
    }

    private static boolean phase(final Properties base, final boolean transactions, final PrintStream out)
        throws Exception {
        final Properties props = new Properties();
        props.putAll(base);
        props.setProperty(Client.DO_TRANSACTIONS_PROPERTY, Boolean.toString(transactions));
        resetMeasurements();
        Measurements.setProperties(props);

        final Workload workload = (Workload) Class.forName(props.getProperty(Client.WORKLOAD_PROPERTY,
            "site.ycsb.workloads.CoreWorkload")).getDeclaredConstructor().newInstance();
        workload.init(props);
        final Tracer tracer = new Tracer.Builder("YCSB " + workload.getClass().getSimpleName())
            .conf(HTraceConfiguration.EMPTY).build();

        final int threads = Integer.parseInt(props.getProperty(Client.THREAD_COUNT_PROPERTY, "1"));
        final int ops = transactions
            ? Integer.parseInt(props.getProperty(Client.OPERATION_COUNT_PROPERTY, "0"))
            : Integer.parseInt(props.getProperty(Client.INSERT_COUNT_PROPERTY,
                props.getProperty(Client.RECORD_COUNT_PROPERTY, Client.DEFAULT_RECORD_COUNT)));
        final int target = Integer.parseInt(props.getProperty(Client.TARGET_PROPERTY, "0"));
        final double targetPerThreadPerMs = target > 0 ? target / (double) threads / 1000.0 : -1;

        final CountDownLatch done = new CountDownLatch(threads);
        final List<ClientThread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final DB db = DBFactory.newDB(props.getProperty(Client.DB_PROPERTY), props, tracer);
            // As YCSB's client splits the operations: the remainder goes to the first threads.
            final int threadOps = ops / threads + (t < ops % threads ? 1 : 0);
            final ClientThread c = new ClientThread(db, transactions, workload, props, threadOps,
                targetPerThreadPerMs, done);
            c.setThreadId(t);
            c.setThreadCount(threads);
            clients.add(c);
        }
        final long start = System.currentTimeMillis();
        final List<Thread> running = new ArrayList<>();
        for (final ClientThread c : clients) {
            running.add(Thread.ofPlatform().name("ycsb-client").start(c));
        }
        int opsDone = 0;
        for (int t = 0; t < threads; t++) {
            running.get(t).join();
            opsDone += clients.get(t).getOpsDone();
        }
        final long runtime = System.currentTimeMillis() - start;
        workload.cleanup();

        out.println(transactions ? "# run" : "# load");
        // The exporter closes the stream it writes to; the caller's stream stays open.
        final OutputStream unclosed = new FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        final TextMeasurementsExporter exporter = new TextMeasurementsExporter(unclosed);
        exporter.write("OVERALL", "RunTime(ms)", runtime);
        exporter.write("OVERALL", "Throughput(ops/sec)", runtime == 0 ? 0.0 : 1000.0 * opsDone / runtime);
        Measurements.getMeasurements().exportMeasurements(exporter);
        exporter.close();
        return opsDone == ops;
    }

    /** YCSB's measurements are a static singleton without a reset; a phase starts from none, as a fresh JVM does. */
    private static void resetMeasurements() throws ReflectiveOperationException {
        final Field singleton = Measurements.class.getDeclaredField("singleton");
        singleton.setAccessible(true);
        singleton.set(null, null);
    }
}
