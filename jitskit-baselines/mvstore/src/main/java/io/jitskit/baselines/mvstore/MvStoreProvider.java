package io.jitskit.baselines.mvstore;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.Fit;
import java.io.IOException;

/** Opens {@link MvStoreStore}s: store name {@code mvstore}. */
public final class MvStoreProvider implements StoreProvider {

    public static final String NAME = "mvstore";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "H2 MVStore: copy-on-write B-tree in one file, autocommit off, commit + sync at checkpoint";
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        // Uncommitted pages stay on the heap until the next commit, and the file sits in the page cache, which the
        // budget counts: both must fit the usable bytes.
        return Fit.memory(NAME, context, MvStoreStore.footprintBytes(context.spec()),
            context.spec().workload().keyCount() + " keys as heap pages with room for their copy-on-write garbage"
                + (context.spec().requirements().durability().isDurable() ? ", plus the file in the page cache" : ""));
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        return MvStoreStore.open(NAME, context);
    }
}
