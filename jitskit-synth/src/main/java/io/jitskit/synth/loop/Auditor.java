package io.jitskit.synth.loop;

import java.util.List;

/**
 * Every few iterations, examines the candidates since its last pass for what the gate did not catch (paper section
 * 4.5): reward hacks and fragile assumptions. What it finds grows this run's gate.
 */
public interface Auditor {

    /**
     * @param candidates the compiled candidates since the last pass that passed the gate
     */
    AuditReport audit(List<Candidate> candidates, LoopState state) throws Exception;

    /**
     * @param findings    one line each: what is wrong, where (class, method, line) or which probe
     * @param flawedKeys  design keys the auditor rejects: they leave best-so-far and go on the whiteboard
     * @param probesAdded names of probes added to the gate for the rest of the run
     */
    record AuditReport(List<String> findings, List<String> flawedKeys, List<String> probesAdded) {
        public AuditReport {
            findings = List.copyOf(findings);
            flawedKeys = List.copyOf(flawedKeys);
            probesAdded = List.copyOf(probesAdded);
        }
    }
}
