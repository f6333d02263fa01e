package dev.modelcost.core.io;

import dev.modelcost.core.spi.MalformedModelException;

/** The one bounds check every read goes through: a range must lie inside the source. */
public final class SourceBounds {
    private SourceBounds() {}

    public static void check(ModelSource source, long offsetBytes, long lengthBytes) {
        if (offsetBytes < 0
                || lengthBytes < 0
                || offsetBytes > source.sizeBytes()
                || lengthBytes > source.sizeBytes() - offsetBytes) {
            throw new MalformedModelException(
                    (String) null,
                    "byte " + offsetBytes,
                    "a structure of " + lengthBytes
                            + " bytes at byte " + offsetBytes + " passes the end of " + source.location() + " ("
                            + source.sizeBytes() + " bytes)");
        }
    }
}
