/**
 * The HTML report: one self-contained {@code report.html} per comparison or synthesis run directory, with inline
 * CSS and inline SVG charts, no script and no network access, so it opens anywhere and archives as one file.
 *
 * <p>Rules: every string from a run (store names, failure reasons, designs, markdown) is escaped; the page is
 * well-formed XML as well as HTML (void elements self-closed, no named entities), so tests parse it with the JDK's
 * XML parser; failed and skipped stores show their reason, never a number.
 */
package io.jitskit.report.html;
