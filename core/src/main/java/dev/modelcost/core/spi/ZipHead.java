package dev.modelcost.core.spi;

import java.nio.charset.StandardCharsets;

/**
 * The name of the first entry of a zip archive, read from its first local header. Archive formats write a
 * known entry first (DL4J's {@code configuration.json}, Keras 3's {@code metadata.json}), so a file cut before
 * its central directory is still told by content, and answered as a damaged model rather than as no model.
 */
public final class ZipHead {
    private static final int LOCAL_HEADER_BYTES = 30;

    private ZipHead() { }

    /** The first local header's entry name, or null when {@code head} does not start with one that fits in it. */
    public static String firstEntryName(byte[] head) {
        if (head == null || head.length < LOCAL_HEADER_BYTES
                || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            return null;
        }
        int nameBytes = (head[26] & 0xff) | (head[27] & 0xff) << 8;
        if (nameBytes == 0 || LOCAL_HEADER_BYTES + nameBytes > head.length) {
            return null;
        }
        return new String(head, LOCAL_HEADER_BYTES, nameBytes, StandardCharsets.UTF_8);
    }
}
