package io.jitskit.gate.audit;

/**
 * One rule broken at one place.
 *
 * @param rule      the rule's name, e.g. {@code reflection}
 * @param className the class, binary name ({@code a.b.Outer$Inner})
 * @param method    the method's name and descriptor, or {@code <class>} for a declaration
 * @param line      the source line (from the LineNumberTable), or -1 when the class carries none
 * @param detail    what was found there
 */
public record Finding(String rule, String className, String method, int line, String detail) {

    /** "rule: Class.method (line N): detail". */
    public String describe() {
        return rule + ": " + className + "." + method + " (line " + line + "): " + detail;
    }
}
