package io.jitskit.gate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.TestSpecs;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every baseline passes the gate at the durability it claims: checkpoint where it serves it, else none. (Redis needs
 * a server and is left out; the others run in child JVMs with their own JVM options.)
 */
@Tag("slow")
class BaselinesGateTest {

    @TempDir
    Path runDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chm", "mvstore", "rocksdb", "lmdb", "chronicle-map"})
    void baselinePassesQuickAtItsDurability(final String name) throws Exception {
        final StoreProvider provider = StoreFactory.find(name);
        Spec spec = TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Uniform(24, 200), null);
        if (provider.unsupportedReason(new StoreContext(spec, runDir)) != null) {
            spec = TestSpecs.small(Durability.none(), new SizeDistribution.Uniform(24, 200), null);
        }
        final GateReport report = GateRunner.run(spec, name, GateLevel.QUICK, runDir);
        System.out.print(report.toText());
        assertTrue(report.passed(), name + ", seed " + report.seed() + ":\n" + report.toText());
    }
}
