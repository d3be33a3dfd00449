/**
 * The child-JVM runner: the store under test runs in its own JVM, sized from the card's budget, while the parent
 * samples its memory and kills it at a deadline. The child speaks to the parent through one-line records on stdout
 * ({@code @tick ...}) and a result file; everything else it prints is passed through to the parent's stderr.
 */
package io.jitskit.harness.fork;
