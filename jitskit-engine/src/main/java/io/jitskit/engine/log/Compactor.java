package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.HEADER_BYTES;
import static io.jitskit.engine.log.Layout.INT;
import static io.jitskit.engine.log.Layout.LONG;
import static io.jitskit.engine.log.Layout.RECORD_KEY_OFFSET;
import static io.jitskit.engine.log.Layout.TYPE_PAD;
import static io.jitskit.engine.log.Layout.TYPE_RECORD;
import static io.jitskit.engine.log.Layout.VALUE_LENGTH_OFFSET;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reclaims disk: the compactor thread copies the live records of sealed segments below the live fraction to its own
 * log and deletes the segments; it also takes a checkpoint when compacted files that only a checkpoint can release
 * hold half the slack. And, called by a session whose claim found the index full, drops the index's tombstones under
 * a quiesce.
 */
final class Compactor implements Runnable {

    private final OperationGate gate;
    private final LogSpace space;
    private final HashIndex index;
    private final Checkpointer checkpointer;
    /** The compactor's own state: its log, its I/O, its probe buffers; its live-byte deltas count like a session's. */
    final SessionState state;
    /** One page: victims are read a page at a time. */
    private final MemorySegment buffer;

    private volatile long compactions;
    private volatile long compactedBytes;
    /** Victims dropped without a read: no live record was left in them. */
    private volatile long deadSegmentsDropped;
    /** Written under the maintenance lock only. */
    private volatile long indexCompactions;

    Compactor(final OperationGate gate, final LogSpace space, final HashIndex index, final Checkpointer checkpointer,
              final Arena arena) {
        this.gate = gate;
        this.space = space;
        this.index = index;
        this.checkpointer = checkpointer;
        final SingleWriterLog log = space.logs[LogSpace.COMPACTION_LOG] != null
            ? space.logs[LogSpace.COMPACTION_LOG] : space.newLog(LogSpace.COMPACTION_LOG, 0);
        this.state = new SessionState(LogSpace.COMPACTION_LOG, log, arena, 0, space.blockBytes,
            LogStore.MAX_RECORD_BYTES, LogStore.MAX_VALUE_BYTES);
        this.buffer = arena.allocate(SingleWriterLog.PAGE_BYTES, Math.max(space.blockBytes,
            SingleWriterLog.PAGE_BYTES));
    }

    long compactions() {
        return compactions;
    }

    long compactedBytes() {
        return compactedBytes;
    }

    long deadSegmentsDropped() {
        return deadSegmentsDropped;
    }

    long indexCompactions() {
        return indexCompactions;
    }

    @Override
    public void run() {
        while (!gate.stopped()) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(5));
            try {
                if (StoreConfig.DURABLE && space.deferredOverHalfSlack()) {
                    checkpointer.checkpoint();
                }
                SingleWriterLog.Segment victim;
                while ((victim = space.pickVictim()) != null && !gate.closed()) {
                    compact(victim);
                }
            } catch (final Throwable t) {
                if (!gate.closed()) {
                    gate.fail(t);
                }
                return;
            }
        }
    }

    /**
     * Copies the victim's live records to the compaction log, one page at a time under the maintenance lock, each
     * installed with a CAS from exactly the victim's meta: a concurrent update wins and the copy is dead. Then the
     * victim leaves the table, a grace period lets readers that found it finish, and its file goes (now, or after
     * the next checkpoint if the last one may name it).
     *
     * <p>A victim whose live count is zero is dropped unread. The count can be trusted at zero here: its owner added
     * every record's bytes before sealing it (the sealed list's lock orders that before this read), and after the seal
     * it only falls, each time after the CAS that made a record dead, so it never reads lower than the live bytes. A
     * store that overwrites a small hot set fills whole segments with dead records, and reading them was most of the
     * compactor's time.
     */
    void compact(final SingleWriterLog.Segment victim) throws IOException {
        final SessionState c = state;
        final SingleWriterLog target = c.log;
        final int pageBytes = SingleWriterLog.PAGE_BYTES;
        long moved = 0;
        final boolean dead = victim.live() <= 0;
        for (long pageStart = 0; !dead && pageStart < SingleWriterLog.SEGMENT_BYTES; pageStart += pageBytes) {
            space.maintenance.lock();
            try {
                final long n = c.io.pread(victim.fd, buffer, pageBytes, pageStart);
                if (!space.direct) {
                    c.io.dropFromPageCache(victim.fd, pageStart, pageBytes);
                }
                long at = 0;
                while (at + HEADER_BYTES <= n) {
                    final int type = buffer.get(INT, at);
                    if (type != TYPE_RECORD) {
                        if (type != TYPE_PAD && type != 0) {
                            throw new IOException(victim.path + ": unknown record type " + type + " at " + (pageStart
                                + at));
                        }
                        break;
                    }
                    final int length = buffer.get(INT, at + VALUE_LENGTH_OFFSET);
                    final int recordBytes = Layout.recordBytes(length);
                    if (length < 0 || length > LogStore.MAX_VALUE_BYTES || at + recordBytes > n
                        || buffer.get(INT, at + Layout.CHECK_OFFSET) != Layout.checksum(buffer, at, length)) {
                        throw new IOException(victim.path + ": record at " + (pageStart + at) + " does not verify");
                    }
                    final long key = buffer.get(LONG, at + RECORD_KEY_OFFSET);
                    final long expected = Layout.logMeta(victim.log.id, victim.start() + pageStart + at, recordBytes);
                    final long slot = index.find(key, Layout.hash(key), c.found);
                    if (slot != HashIndex.ABSENT && c.found[0] == expected) {
                        final long offset = target.reserve(recordBytes, c.io, null);
                        MemorySegment.copy(buffer, at, target.ring, offset & target.ringMask, recordBytes);
                        final long next = Layout.logMeta(target.id, offset, recordBytes);
                        if (index.casMeta(slot, expected, next)) {
                            space.account(c, expected, next);
                            moved += recordBytes;
                        }
                    }
                    at += recordBytes;
                }
            } finally {
                space.maintenance.unlock();
            }
        }
        space.unsealed(victim);
        victim.log.remove(victim);
        gate.awaitGracePeriod();
        c.io.close(victim.fd);
        space.maintenance.lock();
        try {
            space.retire(victim);
        } finally {
            space.maintenance.unlock();
        }
        compactions++;
        compactedBytes += moved;
        if (dead) {
            deadSegmentsDropped++;
        }
    }

    /**
     * Called by a session whose claim met the index's claimed-slot bound, inside its operation: steps out of it,
     * drops the index's tombstones under a quiesce (the checkpoint's handshake), and steps back in. Another session
     * that met the bound meanwhile finds the work done.
     */
    void compactIndex(final SessionState owner) {
        owner.leaveOperation();
        final long started = System.nanoTime();
        space.maintenance.lock();
        try {
            if (index.claimedSlots() >= HashIndex.MAX_CLAIMED) {
                try {
                    gate.quiesce();
                    index.compactInPlace();
                    indexCompactions++;
                } finally {
                    // Volatile: the rebuilt table happens-before every operation that reads the cleared word.
                    gate.release();
                }
            }
        } finally {
            space.maintenance.unlock();
        }
        owner.quiesceWaitNanos += System.nanoTime() - started;
        gate.enter(owner);
    }
}
