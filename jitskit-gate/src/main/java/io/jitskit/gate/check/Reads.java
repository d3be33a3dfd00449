package io.jitskit.gate.check;

import io.jitskit.api.Session;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Workbench;
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.MemorySegment;

/** Judging what a read returned, and saying it in words a reproducer can carry. */
final class Reads {

    private Reads() {
    }

    /** "key id 17 (store key 0x3fa2...)": the id the harness knows and the bytes the store saw. */
    static String keyName(final Workbench bench, final long keyId) {
        return "key id " + keyId + " (store key 0x" + Long.toHexString(bench.keys().storeKey(keyId)) + ")";
    }

    /**
     * Whether the last read into {@code lane} returned exactly version {@code version} of {@code keyId}, {@code size}
     * bytes long.
     *
     * @return null when it did, else what was found instead
     */
    static String mismatch(final ValueCodec codec, final Lane lane, final long keyId, final long version,
                           final int size, final int length) {
        if (length == size && codec.matches(keyId, version, lane.out(length))) {
            return null;
        }
        return "expected version " + version + " (" + size + " bytes), found " + found(codec, lane, keyId, length);
    }

    /** What a read returned: absent, or its length and what the codec makes of the bytes. */
    static String found(final ValueCodec codec, final Lane lane, final long keyId, final int length) {
        if (length == Session.NOT_FOUND) {
            return "absent";
        }
        if (length < 0 || length > lane.out().byteSize()) {
            return "a length of " + length + " (the buffer holds " + lane.out().byteSize() + ")";
        }
        final MemorySegment value = lane.out(length);
        final long verdict = codec.verify(keyId, value);
        final String what;
        if (verdict >= 0) {
            what = "version " + verdict;
        } else if (verdict == ValueCodec.TORN) {
            what = "a TORN value (bytes of two writes)";
        } else if (verdict == ValueCodec.WRONG_KEY) {
            what = "bytes carrying ANOTHER key's fingerprint (misplaced or forged)";
        } else if (verdict == ValueCodec.CORRUPT) {
            what = "bytes NO write produced (forged or corrupted)";
        } else {
            what = "a value too short to carry its version";
        }
        return length + " bytes holding " + what + "; first bytes " + hex(value, 32);
    }

    /**
     * The version a read returned, given the window {@code [lo, hi]} it must fall in: the codec recovers only the low
     * bits of small values, so the version is the one in the window with those bits.
     *
     * @return the version, or a negative {@link ValueCodec} code
     */
    static long versionIn(final ValueCodec codec, final MemorySegment value, final long keyId, final long lo,
                          final long hi) {
        final long found = codec.verify(keyId, value);
        if (found == ValueCodec.UNVERIFIABLE) {
            if (codec.matches(keyId, hi, value)) {
                return hi;
            }
            return codec.matches(keyId, lo, value) ? lo : ValueCodec.UNVERIFIABLE;
        }
        if (found < 0) {
            return found;
        }
        final long mask = codec.versionMask((int) value.byteSize());
        return hi - ((hi - found) & mask);
    }

    static String hex(final MemorySegment bytes, final int limit) {
        final StringBuilder sb = new StringBuilder();
        final long n = Math.min(bytes.byteSize(), limit);
        for (long i = 0; i < n; i++) {
            sb.append(String.format("%02x", bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i)));
        }
        return sb.append(bytes.byteSize() > limit ? "..." : "").toString();
    }
}
