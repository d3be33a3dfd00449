package io.jitskit.synth.engine;

import java.util.Map;
import java.util.function.Function;

/**
 * The knobs of the in-memory engine's {@link Design}, in the order of its components (after {@code facts}, which is
 * an input, not a knob). The domains repeat what {@link Design}'s constructor checks, for people and error messages.
 */
public enum MemoryKnob implements Knob<Design> {

    SLOT_BYTES("slotBytes", Integer.class, "a multiple of 8 in [24, 128]", Design::slotBytes),
    MAX_LOAD_FACTOR("maxLoadFactor", Double.class, "in [0.3, 0.95]", Design::maxLoadFactor),
    KEY_MARGIN("keyMargin", Double.class, "in [1, 8]", Design::keyMargin),
    INDEXING("indexing", Design.Indexing.class, "POWER_OF_TWO or FASTRANGE", Design::indexing),
    SHARDS("shards", Integer.class, "a power of two in [1, 1024]", Design::shards),
    CHECKPOINT_MODE("checkpointMode", Design.CheckpointMode.class,
        "NONE without durability, else QUIESCE_WRITE or QUIESCE_SHADOW", Design::checkpointMode),
    CLAIM_STRIPES("claimStripes", Integer.class, "a power of two in [1, 2^20]", Design::claimStripes),
    MAX_SESSIONS("maxSessions", Integer.class, "in [threads, 65536]", Design::maxSessions),
    SLAB_PAGE_BYTES("slabPageBytes", Integer.class, "a power of two in [64 KiB, 1 GiB]", Design::slabPageBytes),
    SLAB_TLAB_BYTES("slabTlabBytes", Integer.class, "in [4096, slabPageBytes]", Design::slabTlabBytes),
    LOG_RING_BYTES("logRingBytes", Integer.class, "a power of two in [4 KiB, 1 GiB]", Design::logRingBytes),
    HUGE_PAGES("hugePages", Boolean.class, "true or false", Design::hugePages);

    private final String id;
    private final Class<?> type;
    private final String domain;
    private final Function<Design, Object> read;

    MemoryKnob(final String id, final Class<?> type, final String domain, final Function<Design, Object> read) {
        this.id = id;
        this.type = type;
        this.domain = domain;
        this.read = read;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<?> type() {
        return type;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public Object valueIn(final Design design) {
        return read.apply(design);
    }

    /**
     * The design with these knob values, sized for {@code facts}.
     *
     * @param values every knob, each of its {@link #type()}
     * @throws IllegalArgumentException from {@link Design}'s constructor, naming the knob out of its domain
     */
    public static Design design(final Facts facts, final Map<MemoryKnob, Object> values) {
        return new Design(facts, (Integer) values.get(SLOT_BYTES), (Double) values.get(MAX_LOAD_FACTOR),
            (Double) values.get(KEY_MARGIN), (Design.Indexing) values.get(INDEXING), (Integer) values.get(SHARDS),
            (Design.CheckpointMode) values.get(CHECKPOINT_MODE), (Integer) values.get(CLAIM_STRIPES),
            (Integer) values.get(MAX_SESSIONS), (Integer) values.get(SLAB_PAGE_BYTES),
            (Integer) values.get(SLAB_TLAB_BYTES), (Integer) values.get(LOG_RING_BYTES),
            (Boolean) values.get(HUGE_PAGES));
    }
}
