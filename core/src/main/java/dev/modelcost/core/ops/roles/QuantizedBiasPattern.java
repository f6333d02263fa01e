package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.RolePattern;

import java.util.Map;

/**
 * QDQ exports quantize a layer's bias to int32 (scale = input scale × weight scale) and dequantize it before the
 * float op: a stored int32 tensor fed to DequantizeLinear is that bias, not a shape or an index.
 */
final class QuantizedBiasPattern implements RolePattern {

    @Override
    public void suggest(Graph graph, Map<String, TensorRole> suggested) {
        for (Node n : graph.nodes()) {
            if (!GraphIndex.isOp(n, "DequantizeLinear", -1)) {
                continue;
            }
            Tensor x = graph.tensors().get(n.input(0));
            if (x != null && x.dtype() == DType.INT32) {
                suggested.putIfAbsent(x.name(), TensorRole.BIAS);
            }
        }
    }

    @Override
    public String description() {
        return "a stored int32 tensor dequantized by DequantizeLinear: a quantized bias";
    }
}
