package io.jitskit.agents.probe;

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
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Runs a {@link ProbeSpec} against the store under test: one session, the steps in order, each outcome checked. The
 * first step whose outcome differs fails the probe with the step, the key and what was found, and saves the probe and
 * seed as the reproducer. A probe that uses an operation the card does not require (or a checkpoint without
 * durability) does not apply to the store, and blocks nothing.
 */
public final class DeclarativeProbe implements Probe {

    private final ProbeSpec spec;
    private final String source;

    /** @param source the probe's JSON, saved with a failure's reproducer */
    public DeclarativeProbe(final ProbeSpec spec, final String source) {
        this.spec = spec;
        this.source = source;
    }

    public ProbeSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Workbench bench = sut.workbench();
        final String unsupported = unsupported(sut);
        if (unsupported != null) {
            return CheckResult.notApplicable(name(), unsupported);
        }
        final Trial trial = new Trial(name(), sut);
        trial.figure("steps", spec.steps().size());
        final Path dir = sut.newDataDir(name());
        final String repro = "seed " + bench.seed() + "; one session; the probe's steps in order:\n" + source;
        Store store = sut.open(dir);
        try (Arena arena = Arena.ofConfined()) {
            final Lane lane = bench.lane(arena);
            Session session = store.openSession(0);
            try {
                for (int i = 0; i < spec.steps().size(); i++) {
                    final ProbeSpec.Step step = spec.steps().get(i);
                    final String where = "step " + (i + 1) + " (" + step.describe() + ")";
                    switch (step.op()) {
                        case CHECKPOINT -> store.checkpoint();
                        case REOPEN -> {
                            session.close();
                            store.close();
                            store = sut.open(dir);
                            session = store.openSession(0);
                        }
                        default -> {
                            final String wrong;
                            try {
                                wrong = keys(step, lane, bench, session);
                            } catch (final RuntimeException e) {
                                return trial.storeThrew(where, e);
                            }
                            if (wrong != null) {
                                return trial.fail(name() + ": " + where + ": " + wrong, repro);
                            }
                        }
                    }
                }
            } finally {
                session.close();
            }
        } finally {
            store.close();
        }
        return trial.pass(spec.steps().size() + " steps held");
    }

    /** Applies a keyed step to every id of its range; the first mismatch, or null. */
    private static String keys(final ProbeSpec.Step step, final Lane lane, final Workbench bench,
                               final Session session) {
        final ValueCodec codec = bench.codec();
        for (long id = step.from(); id < step.to(); id++) {
            final String wrong = switch (step.op()) {
                case UPSERT -> upsert(step, id, lane, bench, session);
                case INSERT -> {
                    final boolean inserted = session.insert(lane.key(id), value(step, id, lane, bench));
                    yield inserted == "inserted".equals(step.expect()) ? null
                        : "insert returned " + inserted + " for id " + id;
                }
                case READ -> read(step, id, lane, codec, session);
                case DELETE -> {
                    final boolean deleted = session.delete(lane.key(id));
                    yield deleted == "deleted".equals(step.expect()) ? null
                        : "delete returned " + deleted + " for id " + id;
                }
                case RMW -> {
                    final MemorySegment initial = lane.valueSlice(bench.counterValueBytes());
                    bench.counterCodec().write(id, 1, 0, initial);
                    final long after = session.rmw(lane.key(id), step.delta(), initial);
                    yield after == step.counter() ? null : "rmw of id " + id + " returned counter " + after;
                }
                default -> null;
            };
            if (wrong != null) {
                return "expected " + step.expect() + ": " + wrong;
            }
        }
        return null;
    }

    private static String upsert(final ProbeSpec.Step step, final long id, final Lane lane, final Workbench bench,
                                 final Session session) {
        final MemorySegment value = value(step, id, lane, bench);
        try {
            session.upsert(lane.key(id), value);
        } catch (final ValueSizeException e) {
            return "rejected".equals(step.expect()) ? null : "a " + value.byteSize() + "-byte upsert of id " + id
                + " was rejected: " + e.getMessage();
        }
        return "ok".equals(step.expect()) ? null : "a " + value.byteSize() + "-byte upsert of id " + id
            + " was accepted";
    }

    private static MemorySegment value(final ProbeSpec.Step step, final long id, final Lane lane,
                                       final Workbench bench) {
        final int size = step.size() >= 0 ? step.size() : bench.sizeOf(id, step.version());
        return lane.value(bench.codec(), id, step.version(), size);
    }

    private static String read(final ProbeSpec.Step step, final long id, final Lane lane, final ValueCodec codec,
                               final Session session) {
        final int length = lane.read(session, id);
        return switch (step.expect()) {
            case "absent" -> length == Session.NOT_FOUND ? null : "id " + id + " read " + length + " bytes";
            case "counter" -> {
                if (length < Long.BYTES) {
                    yield "id " + id + " read " + (length == Session.NOT_FOUND ? "absent" : length + " bytes");
                }
                final long counter = ValueCodec.counter(lane.out(length));
                yield counter == step.counter() ? null : "id " + id + " has counter " + counter;
            }
            default -> {
                if (length == Session.NOT_FOUND) {
                    yield "id " + id + " read absent";
                }
                yield codec.matches(id, step.version(), lane.out(length)) ? null
                    : "id " + id + " read " + length + " bytes that are not its version " + step.version();
            }
        };
    }

    /** Why the probe does not apply to this card, or null. */
    private String unsupported(final StoreUnderTest sut) {
        final Workbench bench = sut.workbench();
        for (final ProbeSpec.Step s : spec.steps()) {
            final Operation needed = switch (s.op()) {
                case UPSERT -> Operation.UPSERT;
                case INSERT -> Operation.INSERT;
                case DELETE -> Operation.DELETE;
                case RMW -> Operation.RMW;
                default -> null;
            };
            if (needed != null && !bench.supports(needed)) {
                return "the card does not require " + needed.name().toLowerCase(java.util.Locale.ROOT);
            }
            if ((s.op() == ProbeSpec.Op.CHECKPOINT) && !sut.spec().requirements().durability().isDurable()) {
                return "the card asks for no durability, so there is no checkpoint";
            }
            if (s.op() == ProbeSpec.Op.RMW && bench.counterValueBytes() < 0) {
                return "the card allows no value of 8 bytes or more for an rmw counter";
            }
            if (s.size() > bench.maxValueBytes() + 1) {
                return "size " + s.size() + " exceeds the largest value the card allows plus one ("
                    + (bench.maxValueBytes() + 1) + ")";
            }
        }
        return null;
    }
}
