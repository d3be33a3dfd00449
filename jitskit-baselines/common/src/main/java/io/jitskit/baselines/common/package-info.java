/**
 * What every baseline adapter shares, so that each adapter module holds only what is particular to its store.
 *
 * <p>{@link io.jitskit.baselines.common.OperationGate} gives the CPR contract to stores that know nothing of
 * sessions: a checkpoint stops every session between two operations, captures their serials, and has the store
 * persist those serials together with the data they describe. {@link io.jitskit.baselines.common.GatedSession}
 * numbers and checks every operation before the store sees it. {@link io.jitskit.baselines.common.Fit} words the
 * reasons a baseline declines a card.
 *
 * <p>Rules: nothing here allocates per operation except where a wrapped library forces it; serials are stored by the
 * adapters inside the store's own atomic unit (batch, transaction, snapshot), never in a side file written apart
 * from the data.
 */
package io.jitskit.baselines.common;
