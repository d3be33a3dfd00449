package io.jitskit.cli;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code jitskit stores}: lists the stores on the class path. */
@Command(name = "stores", mixinStandardHelpOptions = true, description = "List the stores jitskit knows by name.")
final class StoresCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (final StoreProvider p : StoreFactory.available()) {
            System.out.printf("%-16s %s%n", p.name(), p.description());
        }
        return 0;
    }
}
