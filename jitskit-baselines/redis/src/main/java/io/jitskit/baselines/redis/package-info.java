/**
 * A real redis-server on loopback, reached through Jedis: the out-of-process baseline, reported in its own
 * category as the paper does.
 *
 * <p>Rules: the server is started by {@code bin/redis-server.sh}, never by the adapter; the adapter configures its
 * persistence for the card (CONFIG SET) and says so in its info. Every operation is one synchronous round trip: the
 * SPI returns a read's value and acknowledges a write only after the server answered, so there is nothing to
 * pipeline within a session.
 */
package io.jitskit.baselines.redis;
