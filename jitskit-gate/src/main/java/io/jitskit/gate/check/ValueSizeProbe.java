package io.jitskit.gate.check;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.ValueSizeException;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.Workbench;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.TreeSet;

/**
 * Probe 7c, off-spec value sizes (paper section 7: "if the spec card pinned one value size, the design hardcodes it
 * and silently truncates or pads off-size writes"). Every size just outside what the spec allows must be refused with
 * a {@link ValueSizeException} by upsert, insert and rmw's initial value, leaving the key as it was; and a read into
 * a buffer one byte too small must throw {@link BufferTooSmallException}, never cut the value.
 */
public final class ValueSizeProbe implements Probe {

    public static final String NAME = "probe-value-sizes";

    private static final long ABSENT_BASE = 1L << 44;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final Workbench bench = sut.workbench();
        final TreeSet<Integer> sizes = offSpecSizes(sut.spec().workload().valueSizes());
        trial.figure("off_spec_sizes", sizes.toString());
        final String repro = "seed " + bench.seed() + "; the spec allows values " + sut.spec().workload().valueSizes()
            + "; for each size in " + sizes + ": upsert (and insert, rmw) a fresh key and a loaded key with a value "
            + "of that size, expecting ValueSizeException and no change.\n";
        int attempts = 0;
        try (Store store = sut.open(sut.newDataDir(NAME)); Arena arena = Arena.ofConfined();
             Session session = store.openSession(0)) {
            final Lane lane = bench.lane(arena);
            int i = 0;
            for (final int size : sizes) {
                final long fresh = ABSENT_BASE + i;
                final long present = ABSENT_BASE + 1000 + i;
                i++;
                lane.write(session, present, lane.value(bench.codec(), present, 1, bench.sizeOf(present, 1)));
                final String[] ops = {"upsert", "insert", "rmw"};
                for (final String op : ops) {
                    if (op.equals("upsert") && !bench.supports(Operation.UPSERT)
                        || op.equals("insert") && !bench.supports(Operation.INSERT)
                        || op.equals("rmw") && !bench.supports(Operation.RMW)) {
                        continue;
                    }
                    for (final long id : new long[] {fresh, present}) {
                        if (!op.equals("upsert") && id == present) {
                            continue; // insert and rmw's initial value only matter on an absent key
                        }
                        attempts++;
                        final String wrong = attempt(session, lane, bench, op, id, size, id == present);
                        if (wrong != null) {
                            return trial.fail(op + " of a " + size + "-byte value on " + (id == present
                                ? "a present" : "an absent") + " key: " + wrong, repro + "failing: " + op + " "
                                + Reads.keyName(bench, id) + " with " + size + " bytes");
                        }
                    }
                }
                final int length = lane.read(session, present);
                if (length > 1) {
                    attempts++;
                    try {
                        final int got = session.read(lane.key(present), lane.out(length - 1));
                        return trial.fail("a read into a buffer one byte too small returned " + got + " instead of "
                            + "throwing BufferTooSmallException (a " + length + "-byte value was cut)", repro);
                    } catch (final BufferTooSmallException expected) {
                        // As the SPI requires: nothing truncated.
                    }
                }
            }
        } catch (final RuntimeException e) {
            return trial.storeThrew("a valid operation around the off-size attempts", e);
        }
        trial.figure("attempts", attempts);
        return trial.pass(attempts + " off-size writes refused with ValueSizeException, short buffers refused with "
            + "BufferTooSmallException, no key changed");
    }

    /** One off-size write; null when it was refused properly and changed nothing. */
    private static String attempt(final Session session, final Lane lane, final Workbench bench, final String op,
                                  final long id, final int size, final boolean present) {
        final MemorySegment value = lane.valueSlice(size);
        if (size > 0) {
            (op.equals("rmw") && size >= Long.BYTES ? bench.counterCodec() : bench.codec()).write(id, 7, value);
        }
        try {
            switch (op) {
                case "upsert" -> lane.write(session, id, value);
                case "insert" -> session.insert(lane.key(id), value);
                default -> session.rmw(lane.key(id), 1, value);
            }
            final int length = lane.read(session, id);
            return "accepted" + (length == size ? " and stored it"
                : length == Session.NOT_FOUND ? " it silently (the key reads absent)"
                : " and read back " + length + " bytes: " + (length > size ? "PADDED" : "TRUNCATED"));
        } catch (final ValueSizeException expected) {
            final int length = lane.read(session, id);
            if (present) {
                return Reads.mismatch(bench.codec(), lane, id, 1, bench.sizeOf(id, 1), length) == null ? null
                    : "refused, but the key's value changed: " + Reads.found(bench.codec(), lane, id, length);
            }
            return length == Session.NOT_FOUND ? null : "refused, but the key now reads as "
                + Reads.found(bench.codec(), lane, id, length);
        } catch (final RuntimeException other) {
            return "refused with " + other + " instead of a ValueSizeException";
        }
    }

    /** Sizes one step outside every edge of the distribution, and zero when it is not allowed. */
    static TreeSet<Integer> offSpecSizes(final SizeDistribution sizes) {
        final TreeSet<Integer> off = new TreeSet<>();
        off.add(sizes.max() + 1);
        if (sizes.min() > 0) {
            off.add(sizes.min() - 1);
            off.add(0);
        }
        if (sizes instanceof SizeDistribution.Bimodal b) {
            off.add(b.small() + 1);
            off.add(b.large() - 1);
        }
        off.removeIf(sizes::allows);
        return off;
    }
}
