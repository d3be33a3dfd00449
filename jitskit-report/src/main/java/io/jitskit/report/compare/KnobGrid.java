package io.jitskit.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small grid over a peer's documented runtime knobs, so that a comparison measures the peer at the best
 * configuration found rather than at one guess (the paper's Figure 5). Each knob reaches the store's JVM as
 * {@code -Djitskit.knob.<name>=<value>}; the adapter reads it and falls back to its own spec-derived default when
 * the property is absent.
 *
 * <p>The grids are deliberately small (a sweep runs every point at least once, each in a fresh JVM) and stay inside
 * what the libraries document: RocksDB's tuning guide (direct or buffered I/O, block cache share, write buffer
 * size) and LMDB's environment flags ({@code MDB_NORDAHEAD}, {@code MDB_WRITEMAP}). A point that does not fit the
 * card's budget fails its run like any other over-budget store and is reported as such, not dropped.
 *
 * @param store the store name the grid belongs to
 * @param knobs the dimensions, expanded as a cartesian product in this order
 */
public record KnobGrid(String store, List<Knob> knobs) {

    /** RocksDB: 2 x 3 x 2 = 12 configurations. */
    public static final KnobGrid ROCKSDB = new KnobGrid("rocksdb", List.of(
        new Knob("direct_io", List.of("false", "true"),
            "use_direct_reads and use_direct_io_for_flush_and_compaction; false keeps the SST files in the page cache"),
        new Knob("block_cache_fraction", List.of("0.2", "0.4", "0.6"),
            "share of the card's usable bytes (budget less headroom) given to the LRU block cache"),
        new Knob("memtable_mib", List.of("64", "256"),
            "write_buffer_size in MiB (per memtable, max_write_buffer_number unchanged)")));

    /** LMDB: 2 x 2 = 4 configurations. */
    public static final KnobGrid LMDB = new KnobGrid("lmdb", List.of(
        new Knob("read_ahead", List.of("true", "false"),
            "OS read-ahead on the memory map; false opens the environment with MDB_NORDAHEAD"),
        new Knob("write_map", List.of("false", "true"),
            "MDB_WRITEMAP: write through a writable memory map instead of write(2)")));

    public KnobGrid {
        knobs = List.copyOf(knobs);
    }

    /** Every grid jitskit knows. */
    public static List<KnobGrid> all() {
        return List.of(ROCKSDB, LMDB);
    }

    /** The grid of {@code store}, if it has one. */
    public static Optional<KnobGrid> forStore(final String store) {
        return all().stream().filter(g -> g.store.equals(store)).findFirst();
    }

    /** How many configurations the grid holds. */
    public int size() {
        int n = 1;
        for (final Knob k : knobs) {
            n *= k.values().size();
        }
        return n;
    }

    /**
     * Every configuration of the grid applied to {@code base}; knobs {@code base} already sets stay fixed, so
     * {@code rocksdb[direct_io=true]} sweeps only the other two dimensions. Distinct configurations, in grid order.
     */
    public List<StoreVariant> expand(final StoreVariant base) {
        if (!base.store().equals(store)) {
            throw new IllegalArgumentException("the " + store + " grid cannot expand " + base.label());
        }
        final List<Map<String, String>> points = new ArrayList<>();
        points.add(new TreeMap<>());
        for (final Knob k : knobs) {
            if (base.knobs().containsKey(k.name())) {
                continue;
            }
            final List<Map<String, String>> next = new ArrayList<>();
            for (final Map<String, String> p : points) {
                for (final String v : k.values()) {
                    final Map<String, String> q = new TreeMap<>(p);
                    q.put(k.name(), v);
                    next.add(q);
                }
            }
            points.clear();
            points.addAll(next);
        }
        return points.stream().map(base::with).toList();
    }

    /**
     * One dimension of a grid.
     *
     * @param name    the knob, read by the adapter as the system property {@code jitskit.knob.<name>}
     * @param values  the values tried
     * @param meaning what the knob sets, in the library's terms
     */
    public record Knob(String name, List<String> values, String meaning) {

        public Knob {
            values = List.copyOf(values);
        }

        /** The system property the adapter reads. */
        public String property() {
            return StoreVariant.KNOB_PROPERTY_PREFIX + name;
        }
    }
}
