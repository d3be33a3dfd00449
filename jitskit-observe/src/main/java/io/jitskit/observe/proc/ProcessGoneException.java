package io.jitskit.observe.proc;

/** The process (or thread) whose {@code /proc} entry was read has exited. */
public final class ProcessGoneException extends RuntimeException {

    private final long pid;

    public ProcessGoneException(final long pid, final String file) {
        super("process " + pid + " has exited (" + file + " is gone)");
        this.pid = pid;
    }

    /** The pid that is gone. */
    public long pid() {
        return pid;
    }
}
