package io.jitskit.baselines.redis;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/** The shared store contract, on checkpoint cards. */
class RedisContractTest extends StoreContractTest {

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        RedisSmokeTest.startServer();
    }

    @Override
    protected StoreProvider provider() {
        return new RedisProvider();
    }

    @Override
    protected Durability durability() {
        return Durability.checkpoint();
    }
}
