package dev.modelcost.importer.gguf;

import dev.modelcost.core.io.ModelSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks the tensors' ranges in the data section: inside the file, none overlapping another. */
final class TensorLayout {
    private TensorLayout() {}

    static void check(ModelSource source, List<GgufTensorInfo> infos, long dataStart) {
        if (infos.isEmpty()) {
            return;
        }
        long dataBytes = source.sizeBytes() - dataStart;
        List<GgufTensorInfo> byOffset = new ArrayList<>(infos);
        byOffset.sort(Comparator.comparingLong(GgufTensorInfo::offsetBytes));
        long end = 0;
        GgufTensorInfo previous = null;
        for (GgufTensorInfo t : byOffset) {
            if (t.offsetBytes() > dataBytes || t.bytes() > dataBytes - t.offsetBytes()) {
                throw Problems.malformed(
                        source,
                        "tensor '" + t.name() + "'",
                        t.type() + " " + t.elements()
                                + " values (" + t.bytes() + " bytes) at data offset " + t.offsetBytes()
                                + " pass the end of the file (" + dataBytes + " bytes of data)");
            }
            if (t.bytes() == 0) {
                continue;
            }
            if (previous != null && t.offsetBytes() < end) {
                throw Problems.malformed(
                        source, "tensor '" + t.name() + "'", "its bytes overlap those of '" + previous.name() + "'");
            }
            end = t.offsetBytes() + t.bytes();
            previous = t;
        }
    }
}
