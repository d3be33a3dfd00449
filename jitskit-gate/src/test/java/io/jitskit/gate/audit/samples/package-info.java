/** Small classes, each breaking one rule of the static audit at a line marked {@code // audit: rule}. */
package io.jitskit.gate.audit.samples;
