package io.jitskit.synth.engine.log;

import io.jitskit.synth.engine.Knob;
import java.util.Map;
import java.util.function.Function;

/**
 * The knobs of the larger-than-memory engine's {@link LogDesign}, in the order of its components (after
 * {@code facts}, an input). The domains repeat what {@link LogDesign}'s constructor checks, for people and error
 * messages.
 */
public enum LogKnob implements Knob<LogDesign> {

    INDEX_LOAD_FACTOR("indexLoadFactor", Double.class, "in [0.5, 0.9]", LogDesign::indexLoadFactor),
    KEY_MARGIN("keyMargin", Double.class, "in [1, 4]", LogDesign::keyMargin),
    EVICTION("eviction", LogDesign.Eviction.class, "NONE, FIFO or CLOCK", LogDesign::eviction),
    ADMISSION("admission", LogDesign.Admission.class, "ALWAYS or TINY_LFU", LogDesign::admission),
    CACHE_SHARE("cacheShare", Double.class, "in [0, 0.9]", LogDesign::cacheShare),
    CACHE_WAYS("cacheWays", Integer.class, "4, 8 or 16", LogDesign::cacheWays),
    CACHE_VALUE_BYTES("cacheValueBytes", Integer.class, "within the card's value sizes", LogDesign::cacheValueBytes),
    PAGE_BYTES("pageBytes", Integer.class, "a power of two in [64 KiB, 16 MiB]", LogDesign::pageBytes),
    SEGMENT_BYTES("segmentBytes", Long.class, "a power of two in [4 pages, 4 GiB]", LogDesign::segmentBytes),
    COMPACT_LIVE_FRACTION("compactLiveFraction", Double.class, "in [0.2, 0.8]", LogDesign::compactLiveFraction),
    INLINE_SMALL_VALUES("inlineSmallValues", Boolean.class, "true or false", LogDesign::inlineSmallValues),
    MAX_SESSIONS("maxSessions", Integer.class, "a power of two in [threads, 128]", LogDesign::maxSessions);

    private final String id;
    private final Class<?> type;
    private final String domain;
    private final Function<LogDesign, Object> read;

    LogKnob(final String id, final Class<?> type, final String domain, final Function<LogDesign, Object> read) {
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
    public Object valueIn(final LogDesign design) {
        return read.apply(design);
    }

    /**
     * The design with these knob values, sized for {@code facts}.
     *
     * @param values every knob, each of its {@link #type()}
     * @throws IllegalArgumentException from {@link LogDesign}'s constructor, naming the knob out of its domain
     */
    public static LogDesign design(final LogFacts facts, final Map<LogKnob, Object> values) {
        return new LogDesign(facts, (Double) values.get(INDEX_LOAD_FACTOR), (Double) values.get(KEY_MARGIN),
            (LogDesign.Eviction) values.get(EVICTION), (LogDesign.Admission) values.get(ADMISSION),
            (Double) values.get(CACHE_SHARE), (Integer) values.get(CACHE_WAYS),
            (Integer) values.get(CACHE_VALUE_BYTES), (Integer) values.get(PAGE_BYTES),
            (Long) values.get(SEGMENT_BYTES), (Double) values.get(COMPACT_LIVE_FRACTION),
            (Boolean) values.get(INLINE_SMALL_VALUES), (Integer) values.get(MAX_SESSIONS));
    }
}
