package io.jitskit.harness.driver;

/** Told once a second how a phase is going; called from the driver's thread, never from a worker. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (phase, elapsedMillis, plannedMillis, operations, lastSecondOps) -> { };

    /**
     * @param plannedMillis the phase's planned length, or 0 when it ends by op count
     */
    void onTick(String phase, long elapsedMillis, long plannedMillis, long operations, long lastSecondOps);
}
