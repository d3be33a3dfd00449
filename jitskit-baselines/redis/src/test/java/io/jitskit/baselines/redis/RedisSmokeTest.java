package io.jitskit.baselines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jitskit.api.Store;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.baselines.common.BaselineStore;
import io.jitskit.spec.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs against a real redis-server started through bin/redis-server.sh; skipped, with the script's reason, only
 * when redis-server cannot be installed on this machine.
 */
class RedisSmokeTest extends BaselineSmokeTest {

    /** bin/redis-server.sh's exit code for "cannot install". */
    private static final int CANNOT_INSTALL = 3;

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("bin/redis-server.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/redis-server.sh not found above " + Path.of("").toAbsolutePath());
        }
        final Process p = new ProcessBuilder(dir.resolve("bin/redis-server.sh").toString(), "start")
            .redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/redis-server.sh start did not finish in 5 minutes: " + output);
        }
        if (p.exitValue() == CANNOT_INSTALL) {
            System.out.println("skipping redis tests: " + output.strip());
        }
        assumeTrue(p.exitValue() != CANNOT_INSTALL, () -> "redis-server cannot be installed: " + output.strip());
        assertEquals(0, p.exitValue(), () -> "bin/redis-server.sh start failed: " + output);
    }

    @Override
    protected StoreProvider provider() {
        return new RedisProvider();
    }

    @Override
    protected Durability recoveryDurability() {
        return Durability.commit(Duration.ofMillis(5));
    }

    @Override
    protected Durability declinedDurability() {
        return null;
    }

    @Test
    void infoPutsRedisInTheOutOfProcessCategory() throws Exception {
        try (Store store = open(spec(Durability.none()))) {
            assertEquals(BaselineStore.OUT_OF_PROCESS, store.info().configuration().get(BaselineStore.CATEGORY));
        }
    }
}
