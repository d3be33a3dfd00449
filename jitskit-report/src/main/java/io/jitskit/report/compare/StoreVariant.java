package io.jitskit.report.compare;

import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A store as a comparison names it: a store name (or jar path) plus knob overrides, written
 * {@code name[knob=value,knob=value]}, optionally run on the card with another durability, written
 * {@code name@none} or {@code name@none[knob=value]}.
 *
 * <p>Each knob reaches the store's child JVM as the system property {@value #KNOB_PROPERTY_PREFIX}{@code <knob>}; the
 * adapter reads it (e.g. {@code Long.getLong("jitskit.knob.memtable_mib", default)}) and should print what it used in
 * its {@code StoreInfo} configuration, so the report shows the knobs that really applied.
 *
 * <p>A durability override is how a peer that cannot give the card's guarantee (a heap map on a checkpoint card) is
 * still shown: on a copy of the card that asks only what it gives, under a label that says so in every table. Without
 * it such a peer is skipped with its reason, never run silently with a weaker guarantee.
 *
 * @param store      the store name or jar path, as {@code jitskit bench --store} takes it
 * @param knobs      overrides by knob name, sorted so the label of a configuration is canonical
 * @param copy       0, or n for the (n+1)-th listing of the same configuration in an A/A comparison
 * @param durability the durability the store runs under instead of the card's, or null for the card's
 */
public record StoreVariant(String store, SortedMap<String, String> knobs, Durability.Level durability, int copy) {

    /** Prefix of the system properties that carry knob overrides into the store's JVM. */
    public static final String KNOB_PROPERTY_PREFIX = "jitskit.knob.";

    private static final Pattern KNOB_NAME = Pattern.compile("[a-z][a-z0-9_.]*");
    private static final Pattern KNOB_VALUE = Pattern.compile("[A-Za-z0-9_.+\\-]+");

    public StoreVariant {
        if (copy < 0) {
            throw new IllegalArgumentException(store + ": copy must not be negative, was " + copy);
        }
        if (store == null || store.isBlank()) {
            throw new IllegalArgumentException("a store name is empty; give names like reference,chm");
        }
        knobs = Collections.unmodifiableSortedMap(new TreeMap<>(knobs));
        for (final Map.Entry<String, String> e : knobs.entrySet()) {
            if (!KNOB_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException(store + ": knob name '" + e.getKey() + "' must match "
                    + KNOB_NAME.pattern() + " (e.g. bloom_bits)");
            }
            if (!KNOB_VALUE.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException(store + ": knob " + e.getKey() + " has value '" + e.getValue()
                    + "'; values are numbers or words matching " + KNOB_VALUE.pattern());
            }
        }
    }

    public StoreVariant(final String store, final SortedMap<String, String> knobs) {
        this(store, knobs, null, 0);
    }

    public StoreVariant(final String store, final SortedMap<String, String> knobs, final Durability.Level durability) {
        this(store, knobs, durability, 0);
    }

    /**
     * The same configuration run again as a row of its own, for an A/A check ({@code --stores X,X}): copy 1 is
     * labelled {@code X#2}. Its spread against the first copy is the noise any difference between stores must beat.
     */
    public StoreVariant asCopy(final int n) {
        return new StoreVariant(store, knobs, durability, n);
    }

    public static StoreVariant of(final String store) {
        return new StoreVariant(store, new TreeMap<>());
    }

    /** This configuration on the card with durability {@code level} instead of the card's. */
    public StoreVariant withDurability(final Durability.Level level) {
        return new StoreVariant(store, knobs, level, copy);
    }

    /** The card this configuration runs on: {@code spec}, or a copy asking for this durability instead. */
    public Spec card(final Spec spec) {
        if (durability == null || durability == spec.requirements().durability().level()) {
            return spec;
        }
        return spec.withRequirements(spec.requirements().withDurability(
            Durability.of(durability, Durability.DEFAULT_GROUP_COMMIT_INTERVAL)));
    }

    /**
     * Parses {@code name} or {@code name[k=v,k=v]}.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem and the fix
     */
    public static StoreVariant parse(final String text) {
        final String s = text.strip();
        final int open = s.indexOf('[');
        final String head = open < 0 ? s : s.substring(0, open);
        final int at = head.lastIndexOf('@');
        // A jar path may hold '@' in a directory name; only a trailing '@word' is a durability.
        if (at > 0 && head.indexOf('/', at) < 0) {
            final String level = head.substring(at + 1).strip();
            final StoreVariant rest = parse(head.substring(0, at) + (open < 0 ? "" : s.substring(open)));
            return rest.withDurability(durabilityLevel(s, level));
        }
        if (open < 0) {
            if (s.contains("]") || s.contains("=")) {
                throw new IllegalArgumentException("'" + s + "': knobs go in brackets, e.g. rocksdb[bloom_bits=10]");
            }
            return of(s);
        }
        if (!s.endsWith("]") || s.indexOf('[', open + 1) >= 0) {
            throw new IllegalArgumentException("'" + s + "': write knobs as name[knob=value,knob=value]");
        }
        final TreeMap<String, String> knobs = new TreeMap<>();
        final String body = s.substring(open + 1, s.length() - 1);
        for (final String pair : body.split(",")) {
            final int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("'" + s + "': knob '" + pair.strip()
                    + "' is not knob=value, e.g. bloom_bits=10");
            }
            final String name = pair.substring(0, eq).strip();
            if (knobs.put(name, pair.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("'" + s + "': knob " + name + " is given twice");
            }
        }
        return new StoreVariant(s.substring(0, open).strip(), knobs);
    }

    /**
     * Parses a comma-separated list of stores; commas inside brackets separate knobs, not stores:
     * {@code reference,rocksdb[bloom_bits=10,memtable_mib=64]} is two stores.
     */
    public static List<StoreVariant> parseList(final String text) {
        final List<StoreVariant> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            final char c = i == text.length() ? ',' : text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                final String item = text.substring(start, i);
                if (item.isBlank()) {
                    throw new IllegalArgumentException("'" + text + "': an empty store name between commas");
                }
                out.add(parse(item));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("'" + text + "': unbalanced brackets");
        }
        return out;
    }

    private static Durability.Level durabilityLevel(final String text, final String word) {
        for (final Durability.Level l : Durability.Level.values()) {
            if (l.name().toLowerCase(Locale.ROOT).equals(word)) {
                return l;
            }
        }
        throw new IllegalArgumentException("'" + text + "': durability '" + word + "' after '@' is not one of none,"
            + " checkpoint, commit (e.g. chm@none)");
    }

    /**
     * The canonical name of this configuration: {@code store}, {@code store@level}, and {@code [k=v,...]} with knobs
     * sorted.
     */
    public String label() {
        final String base = durability == null ? store : store + "@" + durability.name().toLowerCase(Locale.ROOT);
        // Before the knobs, so that a copy stays a store of its own where rows are grouped by their knob-less label.
        final String name = copy == 0 ? base : base + "#" + (copy + 1);
        if (knobs.isEmpty()) {
            return name;
        }
        final StringBuilder b = new StringBuilder(name).append('[');
        knobs.forEach((k, v) -> b.append(k).append('=').append(v).append(','));
        b.setCharAt(b.length() - 1, ']');
        return b.toString();
    }

    /** The knobs as child JVM options: {@code -Djitskit.knob.<name>=<value>}. */
    public List<String> jvmArgs() {
        final List<String> args = new ArrayList<>();
        knobs.forEach((k, v) -> args.add("-D" + KNOB_PROPERTY_PREFIX + k + "=" + v));
        return args;
    }

    /** This store with {@code more} knobs added; knobs already set here win. */
    public StoreVariant with(final Map<String, String> more) {
        final TreeMap<String, String> merged = new TreeMap<>(more);
        merged.putAll(knobs);
        return new StoreVariant(store, merged, durability, copy);
    }

    @Override
    public String toString() {
        return label();
    }
}
