package io.jitskit.gate.check;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.Workbench;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * Check 4, delete: a deleted key reads absent and a second delete says so; re-insert works (insert where the spec
 * has it, else upsert), insert on a present key changes nothing; and where the spec asks for durability the state,
 * deletes included, survives a checkpoint and a reopen. (Deletes under SIGKILL are exercised by the crash tests,
 * whose workload deletes and re-inserts.)
 *
 * <pre>
 *   load ids [0, n) at version 1
 *   delete every id = 0 (mod 2)          each returns true; a second delete returns false
 *   re-insert them at version 2          insert returns true (or upsert)
 *   insert ids = 1 (mod 2) at version 9  returns false and leaves version 1
 *   delete ids = 1 (mod 4)
 *   expect: 0 (mod 2) -> v2, 1 (mod 4) -> absent, 3 (mod 4) -> v1;  again after checkpoint, close, reopen
 * </pre>
 */
public final class DeleteCheck implements Probe {

    public static final String NAME = "delete";

    private static final long MAX_KEYS = 4_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Workbench bench = sut.workbench();
        if (!bench.supports(Operation.DELETE)) {
            return CheckResult.notApplicable(NAME, "the spec does not require delete");
        }
        final Trial trial = new Trial(NAME, sut);
        final ValueCodec codec = bench.codec();
        final long n = Math.min(MAX_KEYS, sut.spec().workload().keyCount());
        final boolean insert = bench.supports(Operation.INSERT);
        final Durability durability = sut.spec().requirements().durability();
        trial.figure("keys", n).figure("insert", insert).figure("durability", durability.level().name());
        final Path dir = sut.newDataDir(NAME);
        final String repro = "seed " + bench.seed() + "; " + n + " keys; one session; the steps of DeleteCheck's "
            + "class comment, in id order.\n";
        try (Store store = sut.open(dir)) {
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(0)) {
                final Lane lane = bench.lane(arena);
                for (long id = 0; id < n; id++) {
                    lane.write(session, id, lane.value(codec, id, 1, bench.sizeOf(id, 1)));
                }
                for (long id = 0; id < n; id += 2) {
                    if (!session.delete(lane.key(id))) {
                        return trial.fail("delete of a present key returned false: " + Reads.keyName(bench, id),
                            repro);
                    }
                    if (session.delete(lane.key(id))) {
                        return trial.fail("a second delete of " + Reads.keyName(bench, id) + " returned true",
                            repro);
                    }
                    final int length = lane.read(session, id);
                    if (length != Session.NOT_FOUND) {
                        return trial.fail("a deleted key read back: " + Reads.keyName(bench, id) + " gave "
                            + Reads.found(codec, lane, id, length), repro);
                    }
                }
                for (long id = 0; id < n; id += 2) {
                    final var value = lane.value(codec, id, 2, bench.sizeOf(id, 2));
                    if (insert) {
                        if (!session.insert(lane.key(id), value)) {
                            return trial.fail("insert after delete returned false: " + Reads.keyName(bench, id),
                                repro);
                        }
                    } else {
                        lane.write(session, id, value);
                    }
                }
                if (insert) {
                    for (long id = 1; id < n; id += 2) {
                        if (session.insert(lane.key(id), lane.value(codec, id, 9, bench.sizeOf(id, 9)))) {
                            return trial.fail("insert on a present key returned true: " + Reads.keyName(bench, id),
                                repro);
                        }
                    }
                }
                for (long id = 1; id < n; id += 4) {
                    session.delete(lane.key(id));
                }
                final String wrong = expectFinal(bench, lane, session, n);
                if (wrong != null) {
                    return trial.fail("after deletes and re-inserts: " + wrong, repro);
                }
            } catch (final RuntimeException e) {
                return trial.storeThrew("deletes and re-inserts", e);
            }
            if (durability.isDurable()) {
                store.checkpoint();
            }
        }
        if (!durability.isDurable()) {
            trial.figure("reads_verified", 2 * n);
            return trial.pass("deletes read absent and re-inserts read back over " + n + " keys (no durability to "
                + "check across a reopen)");
        }
        try (Store store = sut.open(dir); Arena arena = Arena.ofConfined(); Session session = store.openSession(1)) {
            final String wrong = expectFinal(bench, bench.lane(arena), session, n);
            if (wrong != null) {
                return trial.fail("after a checkpoint and a reopen, deletes did not survive: " + wrong, repro
                    + "then checkpoint, close, reopen and read all ids.");
            }
        } catch (final RuntimeException e) {
            return trial.storeThrew("the reopen after deletes", e);
        }
        trial.figure("reads_verified", 3 * n);
        return trial.pass("deletes read absent, re-inserts read back, and both survived a reopen over " + n + " keys");
    }

    private static String expectFinal(final Workbench bench, final Lane lane, final Session session, final long n) {
        for (long id = 0; id < n; id++) {
            final int length = lane.read(session, id);
            final String wrong;
            if (id % 4 == 1) {
                wrong = length == Session.NOT_FOUND ? null
                    : "expected absent (deleted), found " + Reads.found(bench.codec(), lane, id, length);
            } else {
                final long v = id % 2 == 0 ? 2 : 1;
                wrong = Reads.mismatch(bench.codec(), lane, id, v, bench.sizeOf(id, v), length);
            }
            if (wrong != null) {
                return Reads.keyName(bench, id) + ": " + wrong;
            }
        }
        return null;
    }
}
