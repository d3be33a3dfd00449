package io.jitskit.synth.engine.log;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.synth.engine.DesignException;
import java.io.IOException;

/**
 * For the contract suite, whose tests each bring their own card: opens, for every card, the store the log engine
 * generates for it (its initial design), compiled once per card and loaded from its jar. Public with a no-argument
 * constructor so that the crash drill's child JVM can instantiate it by class name and generate the same store.
 */
public final class SpecDrivenLogStoreProvider implements StoreProvider {

    public SpecDrivenLogStoreProvider() {
        // Instantiated by class name in the crash drill's child JVM.
    }

    @Override
    public String name() {
        return "log-engine";
    }

    @Override
    public String description() {
        return "the store the larger-than-memory engine generates for each card";
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        try {
            return LogStoreFixture.provider(context.spec()).unsupportedReason(context);
        } catch (final DesignException e) {
            return e.getMessage();
        }
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        return LogStoreFixture.provider(context.spec()).open(context);
    }
}
