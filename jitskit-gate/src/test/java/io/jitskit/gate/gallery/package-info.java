/**
 * The gallery of CONTRACTS section 5: small stores, each with one flaw a synthesis agent was seen to ship (paper
 * Appendix B and section 7), and the test that the gate rejects each by the check that should catch it. They are
 * not registered: the gate names them by provider class.
 */
package io.jitskit.gate.gallery;
