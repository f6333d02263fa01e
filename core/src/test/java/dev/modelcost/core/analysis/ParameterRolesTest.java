package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ParameterRolesTest {
    @Test
    void rolesComeFromConsumers() {
        Graph g = new TinyGraph()
                .input("x", 1, 4, 2, 2)
                .weight("w", 4, 4, 1, 1)
                .weight("b", 4)
                .weight("scale", 4)
                .weight("shift", 4)
                .weight("mean", 4)
                .weight("var", 4)
                .ints("shape", 1, -1)
                .node("Conv", List.of("x", "w", "b"), "c")
                .node("BatchNormalization", List.of("c", "scale", "shift", "mean", "var"), "n")
                .node("Reshape", List.of("n", "shape"), "y")
                .output("y")
                .build();
        Map<String, Tensor> t = ParameterRoles.resolve(g, OpRegistry.standard());
        assertEquals(TensorRole.WEIGHT, t.get("w").declaredRole());
        assertEquals(TensorRole.BIAS, t.get("b").declaredRole());
        assertEquals(TensorRole.NORM_SCALE_SHIFT, t.get("scale").declaredRole());
        assertEquals(TensorRole.NORM_STATISTIC, t.get("var").declaredRole());
        assertFalse(t.get("var").declaredTrainable());
        assertEquals(TensorRole.CONSTANT, t.get("shape").declaredRole());
    }

    @Test
    void aTensorSharedByTwoNodesIsCountedOnce() {
        Graph g = new TinyGraph()
                .input("x", 1, 8)
                .weight("w", 8, 8)
                .node("MatMul", List.of("x", "w"), "a")
                .node("MatMul", List.of("a", "w"), "b")
                .output("b")
                .build();
        var report = ParameterCount.of(
                ParameterRoles.resolve(g, OpRegistry.standard()).values(), new ArrayList<>());
        assertEquals(64, report.total());
    }

    @Test
    void theAddendOfALinearLayerExportedAsMatMulAndAddIsItsBias() {
        // nn.Linear(4, 3) on a [batch, seq, 4] input, as PyTorch exports it: MatMul by W^T [4, 3], then Add b [3].
        // A [1, 3] addend is a bias too; a [3] addend of anything but such a MatMul is left as it was.
        Graph g = new TinyGraph()
                .input("x", 2, 5, 4)
                .input("y", 2, 5, 3)
                .weight("wT", 4, 3)
                .weight("b", 3)
                .weight("notBias", 3)
                .weight("row", 1, 3)
                .node("MatMul", List.of("x", "wT"), "xw")
                .node("Add", List.of("xw", "b"), "lin")
                .node("MatMul", List.of("x", "wT"), "xw2")
                .node("Add", List.of("row", "xw2"), "lin2")
                .node("Add", List.of("y", "notBias"), "plain")
                .output("lin")
                .output("lin2")
                .output("plain")
                .build();
        Map<String, Tensor> t = ParameterRoles.resolve(g, OpRegistry.standard());
        assertEquals(TensorRole.BIAS, t.get("b").declaredRole());
        assertEquals(TensorRole.WEIGHT, t.get("wT").declaredRole());
        assertEquals(TensorRole.OTHER_PARAMETER, t.get("notBias").declaredRole());
        assertEquals(TensorRole.BIAS, t.get("row").declaredRole());
    }

    @Test
    void gammaAndBetaOfALayerNormExportedAsElementaryOpsAreNormScaleShift() {
        // nn.LayerNorm(4) below opset 17: (x - mean) / sqrt(var + eps) * gamma + beta, op by op.
        Graph g = new TinyGraph()
                .input("x", 2, 5, 4)
                .weight("two", 1)
                .weight("eps", 1)
                .weight("gamma", 4)
                .weight("beta", 4)
                .node("ReduceMean", List.of("x"), "mean")
                .node("Sub", List.of("x", "mean"), "centered")
                .node("Pow", List.of("centered", "two"), "squared")
                .node("ReduceMean", List.of("squared"), "var")
                .node("Add", List.of("var", "eps"), "varEps")
                .node("Sqrt", List.of("varEps"), "std")
                .node("Div", List.of("centered", "std"), "normed")
                .node("Mul", List.of("normed", "gamma"), "scaled")
                .node("Add", List.of("scaled", "beta"), "y")
                .output("y")
                .build();
        Map<String, Tensor> t = ParameterRoles.resolve(g, OpRegistry.standard());
        assertEquals(TensorRole.NORM_SCALE_SHIFT, t.get("gamma").declaredRole());
        assertEquals(TensorRole.NORM_SCALE_SHIFT, t.get("beta").declaredRole());
        assertEquals(TensorRole.CONSTANT, t.get("eps").declaredRole(), "an exporter's literal, not a parameter");
    }
}
