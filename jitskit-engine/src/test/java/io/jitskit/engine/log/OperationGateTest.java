package io.jitskit.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationGateTest {

    @TempDir
    Path dir;

    private static SessionState state(final OperationGate gate, final LogSpace space, final Arena arena,
                                      final int id) {
        return gate.open(id, i -> new SessionState(i, space.newLog(i, 0), arena, 0, 4096, 256, 128));
    }

    @Test
    void noOperationRunsWhileAQuiesceHoldsTheSessions() throws Exception {
        final OperationGate gate = new OperationGate();
        try (Arena arena = Arena.ofShared()) {
            final LogSpace space = new LogSpace(dir, 4096, false, arena, gate);
            final SessionState s = state(gate, space, arena, 0);
            final AtomicBoolean quiesced = new AtomicBoolean();
            final AtomicBoolean overlapped = new AtomicBoolean();
            final CountDownLatch started = new CountDownLatch(1);
            final CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200_000; i++) {
                    gate.enter(s);
                    if (quiesced.get()) {
                        overlapped.set(true);
                    }
                    s.completeOperation();
                    s.leaveOperation();
                    if (i == 1000) {
                        started.countDown();
                    }
                }
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            for (int round = 0; round < 50 && !worker.isDone(); round++) {
                gate.quiesce();
                quiesced.set(true);
                final long serial = s.serialPlain();
                Thread.sleep(1);
                assertEquals(serial, s.serialPlain(), "an operation completed inside the quiesce");
                quiesced.set(false);
                gate.release();
            }
            worker.get(60, TimeUnit.SECONDS);
            assertFalse(overlapped.get(), "an operation entered inside a quiesce");
            assertEquals(200_000, s.serialPlain());
        }
    }

    @Test
    void aGracePeriodEndsOnlyWhenTheOperationRunningAtItsStartHasLeft() throws Exception {
        final OperationGate gate = new OperationGate();
        try (Arena arena = Arena.ofShared()) {
            final LogSpace space = new LogSpace(dir, 4096, false, arena, gate);
            final SessionState s = state(gate, space, arena, 1);
            gate.enter(s);
            final CompletableFuture<Void> grace = CompletableFuture.runAsync(gate::awaitGracePeriod);
            Thread.sleep(50);
            assertFalse(grace.isDone(), "the grace period ended while the operation ran");
            s.completeOperation();
            s.leaveOperation();
            grace.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void afterAFailureEveryEntryThrowsWithTheCause() {
        final OperationGate gate = new OperationGate();
        try (Arena arena = Arena.ofShared()) {
            final LogSpace space = new LogSpace(dir, 4096, false, arena, gate);
            final SessionState s = state(gate, space, arena, 0);
            gate.enter(s);
            s.leaveOperation();
            final StoreException thrown = gate.fail(new IOException("disk gone"));
            assertTrue(thrown.getMessage().contains("disk gone"), thrown.getMessage());
            final StoreException e = assertThrows(StoreException.class, () -> gate.enter(s));
            assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
            assertFalse(s.inOperation(), "a refused entry leaves no operation marked");
            assertTrue(gate.stopped());
        }
    }

    @Test
    void aSessionOpenTwiceIsRefused() {
        final OperationGate gate = new OperationGate();
        try (Arena arena = Arena.ofShared()) {
            final LogSpace space = new LogSpace(dir, 4096, false, arena, gate);
            final SessionState s = state(gate, space, arena, 2);
            assertThrows(IllegalStateException.class, () -> state(gate, space, arena, 2));
            gate.close(s);
            assertEquals(s, state(gate, space, arena, 2), "a closed session's state is reused");
        }
    }
}
