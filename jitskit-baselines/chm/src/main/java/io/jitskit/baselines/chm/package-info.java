/**
 * The naive Java store: a {@link java.util.concurrent.ConcurrentHashMap} of copied byte arrays, in memory only.
 *
 * <p>It is the floor every synthesized store must clear and the picture of what "just use a map" costs: a boxed key
 * and a fresh array per write, a pointer chase per read, and garbage the collector pays for. It offers durability
 * {@code none} and declines every durable card.
 */
package io.jitskit.baselines.chm;
