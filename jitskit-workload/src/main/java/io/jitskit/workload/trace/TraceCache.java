package io.jitskit.workload.trace;

import io.jitskit.spec.TraceSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Converts a trace once and reuses the conversion.
 *
 * <p>The cached file is {@code <cacheDir>/<sha256>.jkt}, the hash taken over the source's real path, size and
 * modification time, the format, the skip-malformed flag and the compact layout version: a changed source, another
 * reading of it, or a new layout gets a new file, and the source is not read again to look the cache up (the
 * production traces are gigabytes). A conversion is written to a temporary file and renamed into place atomically,
 * so a crash or a concurrent conversion never leaves a half-written cache file under the final name.
 */
public final class TraceCache {

    private TraceCache() {
    }

    /**
     * The compact form of {@code source}, converting it first if no valid conversion is cached.
     *
     * @throws MalformedTraceException for a malformed row (unless the source skips them) or a malformed file
     * @throws IOException             when the source or the cache directory cannot be read or written
     */
    public static CompactTrace open(final TraceSource source, final Path cacheDir) throws IOException {
        final Path real;
        try {
            real = source.file().toRealPath();
        } catch (final NoSuchFileException e) {
            throw new NoSuchFileException(source.file().toString(), null,
                "trace file not found; fix workload.trace.file (relative paths resolve against the spec's directory)");
        }
        Files.createDirectories(cacheDir);
        final Path cached = cacheDir.resolve(cacheKey(real, source) + ".jkt");
        if (Files.exists(cached)) {
            try {
                return CompactTrace.map(cached, false);
            } catch (final IOException damaged) {
                Files.deleteIfExists(cached); // stale or torn by an outside hand: convert again
            }
        }
        final Path temporary = Files.createTempFile(cacheDir, cached.getFileName().toString(), ".tmp");
        try {
            TraceConverter.convert(real, source.format(), source.skipMalformed(), temporary);
            Files.move(temporary, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return CompactTrace.map(cached, true);
    }

    static String cacheKey(final Path real, final TraceSource source) throws IOException {
        final String identity = real + "\n" + Files.size(real) + "\n" + Files.getLastModifiedTime(real).toMillis()
            + "\n" + source.format().cardName() + "\nskip=" + source.skipMalformed()
            + "\nlayout=" + CompactTraceDescriptor.LAYOUT_VERSION;
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
