package io.jitskit.report.html;

import java.io.IOException;

/** The directory given is neither a comparison nor a synthesis run directory (or does not exist). */
public final class ReportDirectoryException extends IOException {

    public ReportDirectoryException(final String message) {
        super(message);
    }
}
