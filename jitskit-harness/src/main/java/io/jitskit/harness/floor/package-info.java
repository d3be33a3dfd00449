/**
 * The machine's noise floor ({@link io.jitskit.harness.floor.MachineFloor}): a fixed kernel whose run-to-run spread
 * is what any store's A/A spread on the same machine cannot go below. {@code jitskit floor} runs it.
 */
package io.jitskit.harness.floor;
