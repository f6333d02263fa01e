package dev.modelcost.importer.pytorch;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.importer.pytorch.pickle.PickleException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries of a tar archive (POSIX ustar, with pax extended headers for long names), as torch.save wrote them
 * before 0.4: 512-byte headers, each entry's data padded to 512 bytes, two zero blocks at the end. Only names, sizes
 * and data offsets are read.
 */
final class TarEntries {
    private static final int BLOCK = 512;
    private static final int MAX_ENTRIES = 64;

    record Entry(String name, long dataOffset, long sizeBytes) {}

    private TarEntries() {}

    /** Whether the head is a tar header of torch's first entry, sys_info (name then NULs, no other name fits). */
    static boolean recognizes(byte[] head) {
        if (head == null
                || head.length < 64
                || !new String(head, 0, 9, StandardCharsets.ISO_8859_1).equals("sys_info\0")) {
            return false;
        }
        for (int i = 9; i < 64; i++) {
            if (head[i] != 0) {
                return false; // the rest of the 100-byte name field is NUL padding
            }
        }
        return true;
    }

    static Map<String, Entry> read(ModelSource source) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        long at = 0;
        String paxName = null;
        while (at <= source.sizeBytes() - BLOCK) {
            byte[] h = source.readBytes(at, BLOCK);
            if (allZero(h)) {
                break;
            }
            if (out.size() >= MAX_ENTRIES) {
                throw new PickleException("more than " + MAX_ENTRIES + " tar entries: not a torch.save archive");
            }
            long size = size(h, at);
            long data = at + BLOCK;
            if (size > source.sizeBytes() - data) {
                throw new PickleException(
                        "tar entry at byte " + at + " declares " + size + " bytes, past the end of the file");
            }
            int type = h[156];
            if (type == 'x' && size <= 64 * 1024) {
                paxName = paxPath(new String(source.readBytes(data, (int) size), StandardCharsets.UTF_8));
            } else if (type == '0' || type == 0) {
                String name = paxName != null ? paxName : text(h, 0, 100);
                out.putIfAbsent(name, new Entry(name, data, size));
                paxName = null;
            }
            at = data + (size + BLOCK - 1) / BLOCK * BLOCK;
        }
        return out;
    }

    /** Octal digits, or (GNU) a base-256 number when the first byte's high bit is set. */
    private static long size(byte[] h, long at) throws PickleException {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                if (v > Long.MAX_VALUE >> 8) {
                    throw new PickleException("tar entry at byte " + at + " declares an impossible size");
                }
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        }
        String digits = text(h, 124, 12).trim();
        if (!digits.matches("[0-7]{1,12}")) {
            throw new PickleException("tar entry at byte " + at + " has no octal size");
        }
        return Long.parseLong(digits, 8);
    }

    /** The "path" record of a pax extended header ("<length> path=<name>\n"), or null. */
    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int eq = line.indexOf(" path=");
            if (eq >= 0) {
                return line.substring(eq + 6);
            }
        }
        return null;
    }

    private static String text(byte[] h, int from, int length) {
        int end = from;
        while (end < from + length && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
