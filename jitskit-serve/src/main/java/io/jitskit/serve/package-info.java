/**
 * A store served over the Redis protocol (RESP2, and RESP3 after {@code HELLO 3}), with java.nio only.
 *
 * <p>{@link io.jitskit.serve.RespServer} runs N I/O threads, each with its own selector and its own store
 * {@link io.jitskit.api.Session} (sessions are not thread-safe); accepted connections are handed to them round-robin,
 * and a connection's requests run in order on its thread. The parser is incremental (a frame may arrive in any number
 * of reads, and a read may hold many frames) and bounded by the card: it never allocates from a length a client sent,
 * and a frame it cannot accept closes that connection only. Keys and values are held to what the card allows; an
 * {@code id8} card's keys are decimal ids, turned into the SPI's 8-byte little-endian keys.
 */
package io.jitskit.serve;
