/**
 * Helpers for tests of the budget and the harness, kept in main sources so that a test anywhere in the project can
 * launch them in a child JVM from this module's jar. Nothing here is used by the harness in a real run.
 */
package io.jitskit.observe.testing;
