package io.jitskit.observe.pagecache;

/**
 * What a page-cache scan found.
 *
 * @param files         regular files scanned
 * @param fileBytes     their total size
 * @param residentBytes bytes of their pages resident in the page cache, whole pages (a resident 100-byte file
 *                      counts one page: that is what it costs in memory)
 * @param vanishedFiles files listed but gone before they could be opened (deleted or renamed mid-scan)
 */
public record Residency(int files, long fileBytes, long residentBytes, int vanishedFiles) {

    /** Nothing scanned. */
    public static final Residency NONE = new Residency(0, 0, 0, 0);

    /** Both scans together. */
    public Residency plus(final Residency other) {
        return new Residency(files + other.files, fileBytes + other.fileBytes, residentBytes + other.residentBytes,
            vanishedFiles + other.vanishedFiles);
    }
}
