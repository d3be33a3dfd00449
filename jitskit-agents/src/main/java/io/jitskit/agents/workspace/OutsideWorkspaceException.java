package io.jitskit.agents.workspace;

import java.io.IOException;

/** A path that leaves the workspace. The message says which and how to name it instead. */
public final class OutsideWorkspaceException extends IOException {

    public OutsideWorkspaceException(final String path, final String why) {
        super("path '" + path + "' is outside the workspace (" + why + "); use a path relative to the workspace "
            + "root, e.g. src/...");
    }
}
