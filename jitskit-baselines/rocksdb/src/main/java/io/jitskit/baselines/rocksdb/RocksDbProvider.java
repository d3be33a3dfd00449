package io.jitskit.baselines.rocksdb;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.io.IOException;

/** Opens {@link RocksDbStore}s: store name {@code rocksdb}. Serves every durability level. */
public final class RocksDbProvider implements StoreProvider {

    public static final String NAME = "rocksdb";

    /** RocksDB writes its files from native code, out of sight of java.nio. */
    @Override
    public boolean filesThroughNio() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RocksDB (rocksdbjni): LSM tree, block cache sized to the budget, bloom filters, WAL per durability";
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        // An LSM tree serves larger-than-memory data from disk and every durability level, so only a budget too
        // small for its fixed buffers is refused.
        final var durability = context.spec().requirements().durability();
        if (durability.level() == io.jitskit.spec.Durability.Level.COMMIT && durability.groupCommitInterval().isZero()) {
            return NAME + " cannot give commit with a zero group-commit interval: reads advance serials too, and "
                + "recording each one durably would take a synced write per read; give the card an interval";
        }
        final long usable = context.spec().environment().usableBytes();
        if (usable < RocksDbTuning.MIN_USABLE_BYTES) {
            return NAME + " needs at least " + (RocksDbTuning.MIN_USABLE_BYTES >> 20) + " MiB usable for memtables "
                + "and block cache but " + context.spec().name() + " leaves " + (usable >> 20) + " MiB";
        }
        return null;
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        return RocksDbStore.open(NAME, context);
    }
}
