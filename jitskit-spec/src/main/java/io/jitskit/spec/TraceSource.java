package io.jitskit.spec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A workload taken from a trace file instead of generators.
 *
 * @param file          the trace, resolved against the spec file's directory
 * @param format        its record format
 * @param loop          replay from the start again when the run phase outlasts the trace
 * @param skipMalformed count and skip malformed records instead of failing on the first
 * @param upsertOnMiss  a read that misses is followed by an upsert of the traced size (cache semantics)
 */
public record TraceSource(Path file, Format format, boolean loop, boolean skipMalformed, boolean upsertOnMiss) {

    /** Supported trace formats. */
    public enum Format {
        /** Twitter cache-trace CSV (twemcache): timestamp,key,key size,value size,client,op,ttl; no header. */
        TWITTER("twitter"),
        /** libCacheSim oracleGeneral: 24-byte little-endian records. */
        ORACLE_GENERAL("oracle-general"),
        /** libCacheSim CSV (version,time,op,size,lbn). */
        LIBCACHESIM_CSV("libcachesim-csv"),
        /** CacheLib kvcache CSV, columns located by header name. */
        CACHELIB_KVCACHE("cachelib-kvcache");

        private final String cardName;

        Format(final String cardName) {
            this.cardName = cardName;
        }

        public String cardName() {
            return cardName;
        }

        /** The format for a card name, or {@code null}. */
        public static Format ofCardName(final String name) {
            for (final Format f : values()) {
                if (f.cardName.equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    public TraceSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
    }
}
