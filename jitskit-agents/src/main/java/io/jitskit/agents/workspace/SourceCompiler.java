package io.jitskit.agents.workspace;

import io.jitskit.synth.engine.CompiledStore;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.StoreCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Compiles sources a model wrote with the engine's {@link StoreCompiler} (javac in process, {@code -Werror}, against
 * the SPI only), the plan's text as the jar's design line, so generated and written stores are built and packaged
 * exactly alike.
 */
public final class SourceCompiler {

    private SourceCompiler() {
    }

    /**
     * @param storeName     names the output: {@code outDir/<storeName>/src}, {@code outDir/<storeName>.jar}
     * @param providerClass the fully qualified {@code StoreProvider} class the sources define
     * @param designLine    one line describing the design, for the manifest
     */
    public static CompiledStore compile(final String storeName, final String providerClass,
                                        final Map<String, String> sources, final String designLine,
                                        final Path outDir) throws IOException {
        if (sources.isEmpty()) {
            return failed(storeName, providerClass, "no .java files under " + Workspace.SOURCES + "/ in the workspace");
        }
        final int dot = providerClass.lastIndexOf('.');
        if (dot <= 0) {
            return failed(storeName, providerClass, "provider class '" + providerClass + "' must be fully qualified, "
                + "e.g. io.jitskit.generated.mystore.MyStoreProvider");
        }
        return StoreCompiler.compile(new GeneratedStore(storeName, providerClass.substring(0, dot), providerClass,
            sources, oneLine(designLine)), outDir);
    }

    static CompiledStore failed(final String storeName, final String providerClass, final String why) {
        return new CompiledStore(false, null, providerClass == null ? "n/a" : providerClass, storeName, List.of(why),
            0);
    }

    private static String oneLine(final String text) {
        final String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
