package io.jitskit.baselines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jitskit.api.Store;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.baselines.common.BaselineStore;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.ProjectScripts;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs against a real redis-server started through bin/redis-server.sh; skipped, with the script's reason, only
 * when redis-server cannot be installed on this machine.
 */
class RedisSmokeTest extends BaselineSmokeTest {

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        ProjectScripts.startRedis();
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
