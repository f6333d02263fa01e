package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.BlockFormat;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;

import java.util.Map;

/**
 * Weights an operator stores packed several to a byte: MatMulNBits' B (uint8 [N, blocks, blob] holding K × N values of
 * {@code bits} bits) and GatherBlockQuantized's table (a uint8 last axis of 8 / bits values per byte). Such a tensor is
 * counted with its logical shape and the type its values are dequantized to (the scales'), its storage marked
 * {@link Storage.Encoding#BLOCKS} with its {@link BlockFormat}: parameters count the logical weights, the packed
 * bytes stay what the file holds (the ledger).
 */
final class PackedWeights {
    private static final String MICROSOFT = "com.microsoft";

    private PackedWeights() {}

    static void unpack(Graph g, Map<String, Tensor> resolved) {
        for (Node n : g.nodes()) {
            if (!n.domain().equals(MICROSOFT)) {
                continue;
            }
            if (n.opType().equals("MatMulNBits")) {
                long k = n.intAttr("K", -1);
                long cols = n.intAttr("N", -1);
                if (k > 0 && cols > 0) {
                    long bits = n.intAttr("bits", 4);
                    long block = n.intAttr("block_size", 32);
                    if (bits > 0 && bits <= 8 && block > 0 && block <= Integer.MAX_VALUE / 8 && block * bits % 8 == 0) {
                        replace(
                                g,
                                resolved,
                                n.input(1),
                                Shape.of(cols, k),
                                n.input(2),
                                new BlockFormat("MatMulNBits q" + bits + " block " + block, (int) block, (int)
                                        (block * bits / 8)));
                    }
                }
            } else if (n.opType().equals("GatherBlockQuantized")) {
                Tensor data = resolved.get(n.input(0));
                long bits = n.intAttr("bits", 4);
                if (data != null
                        && data.dtype() == DType.UINT8
                        && bits > 0
                        && bits < 8
                        && 8 % bits == 0
                        && data.shape().hasRank()
                        && data.shape().rank() > 0) {
                    Shape s = data.shape();
                    Dim last = s.dim(s.rank() - 1);
                    if (last.isFixed()) {
                        replace(
                                g,
                                resolved,
                                n.input(0),
                                s.with(s.rank() - 1, Dim.of(Math.multiplyExact(last.size(), 8 / bits))),
                                n.input(2),
                                new BlockFormat("GatherBlockQuantized q" + bits, (int) (8 / bits), 1));
                    }
                }
            }
        }
    }

    private static void replace(
            Graph g, Map<String, Tensor> resolved, String name, Shape logical, String scales, BlockFormat format) {
        Tensor packed = resolved.get(name);
        if (packed == null
                || packed.dtype() != DType.UINT8
                || packed.storage() != null && packed.storage().encoding() == Storage.Encoding.BLOCKS) {
            return;
        }
        Tensor scale = resolved.get(scales);
        DType logicalType = scale != null && scale.dtype().isFloating() ? scale.dtype() : DType.FLOAT32;
        Storage s = packed.storage();
        Storage blocks = s == null ? null : Storage.blocks(s.file(), s.offsetBytes(), s.lengthBytes(), format);
        resolved.put(
                name,
                new Tensor(
                        name, logicalType, logical, packed.declaredRole(), packed.declaredTrainable(), blocks, null));
    }
}
