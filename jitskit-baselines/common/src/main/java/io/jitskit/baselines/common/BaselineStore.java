package io.jitskit.baselines.common;

import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreInfo;
import io.jitskit.spec.Durability;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of every baseline store that has nothing to do with the wrapped library: sessions and their gate, what
 * was recovered, and what the store says about itself.
 */
public abstract class BaselineStore implements Store {

    /** Configuration entry naming how a store is reached, as the paper separates its results. */
    public static final String CATEGORY = "category";
    public static final String IN_PROCESS = "in-process";
    public static final String OUT_OF_PROCESS = "out-of-process";

    protected final StoreContext context;
    protected final SpecBounds bounds;
    protected final OperationGate gate;
    private final Recovery recovery;
    private final StoreInfo info;
    private final AtomicLong checkpointIds;

    /**
     * @param durability    what this configuration really provides
     * @param configuration the knobs used, printed beside every number
     */
    protected BaselineStore(final String name, final StoreContext context, final Recovery recovery,
                            final Durability durability, final Map<String, String> configuration) {
        this.context = context;
        this.bounds = new SpecBounds(context.spec());
        this.recovery = recovery;
        this.gate = new OperationGate(recovery.serials());
        this.checkpointIds = new AtomicLong(Math.max(0, recovery.checkpointId()));
        final Map<String, String> config = new LinkedHashMap<>(configuration);
        config.putIfAbsent(CATEGORY, IN_PROCESS);
        config.put("durability", Fit.describe(durability));
        this.info = new StoreInfo(name, durability, config);
    }

    @Override
    public final Session openSession(final int sessionId) {
        return newSession(gate.claim(sessionId));
    }

    /** A session on the claimed slot; must release the slot if it fails to open. */
    protected abstract GatedSession newSession(OperationGate.Slot slot);

    @Override
    public final Recovery recovery() {
        return recovery;
    }

    @Override
    public final StoreInfo info() {
        return info;
    }

    /** The id of the next checkpoint, increasing over the store's life and across recoveries. */
    protected final long nextCheckpointId() {
        return checkpointIds.incrementAndGet();
    }

    /** Opens a session through {@code factory}, giving the slot back if that fails. */
    protected final GatedSession guarded(final OperationGate.Slot slot,
                                         final java.util.function.Supplier<GatedSession> factory) {
        try {
            return factory.get();
        } catch (final RuntimeException | Error e) {
            gate.release(slot);
            throw e;
        }
    }
}
