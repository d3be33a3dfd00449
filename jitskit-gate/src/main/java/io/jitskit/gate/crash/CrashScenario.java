package io.jitskit.gate.crash;

/**
 * The five crash-recovery tests of CONTRACTS section 4.5, after FASTER's recovery suite: which writes the sessions
 * issue, and whether checkpoints keep coming while they run.
 */
public enum CrashScenario {

    /** (a) Upserts (with reads, deletes, inserts where the spec has them), fuzzy checkpoints while writers run. */
    UPSERT_FUZZY("crash-a-upsert-fuzzy-checkpoints", false, true, false),
    /** (b) add-u64 rmw on counter keys, fuzzy checkpoints: counters recover to exactly the reported prefix. */
    RMW_FUZZY("crash-b-rmw-fuzzy-checkpoints", true, true, false),
    /** (c) Upserts after one checkpoint at the end of the load and none after: the last durable state, no mix. */
    UPSERT_NO_CHECKPOINT("crash-c-upsert-no-checkpoint", false, false, false),
    /** (d) RMW after one checkpoint at the end of the load and none after. */
    RMW_NO_CHECKPOINT("crash-d-rmw-no-checkpoint", true, false, false),
    /** (e) Rewrites of a few hot keys per session with fuzzy checkpoints: every recovered value must verify. */
    TORN_RECOVERED("crash-e-torn-values", false, true, true);

    private final String checkName;
    private final boolean rmw;
    private final boolean fuzzyCheckpoints;
    private final boolean hotKeys;

    CrashScenario(final String checkName, final boolean rmw, final boolean fuzzyCheckpoints, final boolean hotKeys) {
        this.checkName = checkName;
        this.rmw = rmw;
        this.fuzzyCheckpoints = fuzzyCheckpoints;
        this.hotKeys = hotKeys;
    }

    /** The check's name in reports. */
    public String checkName() {
        return checkName;
    }

    /** Whether sessions write with add-u64 rmw on counter keys rather than upserts. */
    public boolean rmw() {
        return rmw;
    }

    /** Whether checkpoints keep coming while the writers run (else one, at the end of the load). */
    public boolean fuzzyCheckpoints() {
        return fuzzyCheckpoints;
    }

    /** Whether each session rewrites only a few keys, so crashes land mid-overwrite. */
    public boolean hotKeys() {
        return hotKeys;
    }
}
