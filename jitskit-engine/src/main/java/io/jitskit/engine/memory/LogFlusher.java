package io.jitskit.engine.memory;

import io.jitskit.engine.runtime.DurableFiles;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The group-commit thread: every half of the card's group-commit interval it writes each session log's published
 * records as a frame and fsyncs the files, so an operation acknowledged a full interval ago is durable (as long as a
 * write and an fsync take less than half the interval; the flush duration is exported as a metric to check that).
 *
 * <p>All file work runs under this object's monitor: the periodic flush, the checkpoint's rotation to a new epoch,
 * and registration of new session logs.
 */
final class LogFlusher {

    private final Path dir;
    private final SessionLog[] logs;
    /** The store's session control blocks ({@link SessionControl}): the flusher reads each serial watermark there. */
    private final MemorySegment control;
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean running = true;
    /** Epoch of the files logs append to now; guarded by this. */
    private long epoch;
    private volatile long bytesWritten;
    private volatile long flushes;
    /** Why flushing stopped, or null; guarded by this. */
    private String failure;

    LogFlusher(final Path dir, final SessionLog[] logs, final MemorySegment control,
               final Duration groupCommitInterval) {
        this.dir = dir;
        this.logs = logs;
        this.control = control;
        this.periodNanos = Math.max(100_000L, groupCommitInterval.toNanos() / 2);
        this.thread = Thread.ofPlatform().daemon().name(StoreConfig.STORE_NAME + "-log-flusher").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    synchronized void startEpoch(final long first) {
        epoch = first;
    }

    /** Installs a new session's log; the monitor publishes it to the flusher thread. */
    synchronized void register(final int sessionId, final SessionLog log) {
        log.failure = failure;
        logs[sessionId] = log;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long flushes() {
        return flushes;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(periodNanos);
            try {
                flush();
            } catch (final IOException | RuntimeException e) {
                fail(e);
                return;
            }
        }
    }

    /** Writes and fsyncs everything published so far, and every session's serial watermark that moved. */
    synchronized void flush() throws IOException {
        long written = 0;
        boolean created = false;
        for (final SessionLog log : logs) {
            if (log != null) {
                final boolean hadFile = log.openedSince(epoch);
                // Acquire, before the log's position is read: pairs with the session's release of its serial, which
                // follows its record's publication, so the frame holds every record up to this serial.
                final long serial = SessionControl.serialAcquire(control, log.sessionId);
                final long n = log.writeFrame(dir, epoch, serial);
                written += n;
                created |= n > 0 && !hadFile;
            }
        }
        if (written == 0) {
            return;
        }
        for (final SessionLog log : logs) {
            if (log != null) {
                log.force();
            }
        }
        if (created) {
            // A file created in this epoch must survive as a name, not only as data.
            DurableFiles.syncDirectory(dir);
        }
        for (final SessionLog log : logs) {
            if (log != null) {
                log.releaseFlushed();
            }
        }
        bytesWritten = bytesWritten + written;
        flushes = flushes + 1;
    }

    /**
     * Called by a checkpoint with every session quiesced: flushes the current epoch (all bytes before the cut), then
     * moves every log to the next epoch. Returns the new epoch, the first one the checkpoint does not subsume.
     */
    synchronized long rotate() throws IOException {
        flush();
        epoch++;
        for (final SessionLog log : logs) {
            if (log != null) {
                log.closeFile();
            }
        }
        return epoch;
    }

    private synchronized void fail(final Throwable e) {
        final String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        failure = reason;
        for (final SessionLog log : logs) {
            if (log != null) {
                log.failure = reason;
            }
        }
    }

    /** Stops the thread after a last flush and closes the files. */
    void close() throws IOException {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            flush();
            for (final SessionLog log : logs) {
                if (log != null) {
                    log.closeFile();
                    log.free();
                }
            }
        }
    }
}
