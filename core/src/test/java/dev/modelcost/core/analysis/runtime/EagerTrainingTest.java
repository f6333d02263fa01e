package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.Optimizer;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.modelcost.core.analysis.runtime.RuntimeFixtures.REGISTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eager model the PyTorch training profile simulates, rebuilt from the exported graph. */
class EagerTrainingTest {

    @Test
    void aFoldedConvolutionGetsItsBatchNormBackWithLearnedScaleAndShift() {
        Graph g = new TinyGraph()
                .input("x", 1, 3, 8, 8)
                .weight("onnx::Conv_7", 16, 3, 3, 3)
                .weight("onnx::Conv_8", 16)
                .weight("head.weight", 4, 16, 1, 1)
                .node("Conv", List.of("x", "onnx::Conv_7", "onnx::Conv_8"), "c")
                .node("Conv", List.of("c", "head.weight"), "y")
                .output("y")
                .build();
        InferredTypes types = ShapeInference.run(g, Assumptions.DEFAULT, REGISTRY);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Graph eager = EagerGraphs.unfoldBatchNorms(g, types, tensors);
        assertEquals(
                List.of("Conv", "BatchNormalization", "Conv"),
                eager.nodes().stream().map(Node::opType).toList());
        Node bn = eager.nodes().get(1);
        assertEquals("c", bn.outputs().get(0)); // the BatchNorm's output keeps the name its readers use
        assertEquals("c#conv", eager.nodes().get(0).outputs().get(0));
        assertEquals(4, tensors.size()); // scale, shift, mean, variance of 16 channels each
        long learned = tensors.values().stream()
                .filter(t -> Boolean.TRUE.equals(t.declaredTrainable()))
                .count();
        assertEquals(2, learned);
        assertEquals(Shape.of(16), tensors.values().iterator().next().shape());
    }

    @Test
    void mulOfAValueAndItsSigmoidIsOneSiluThatKeepsItsInput() {
        Graph g = new TinyGraph()
                .input("x", 1, 8)
                .node("Relu", List.of("x"), "v")
                .node("Sigmoid", List.of("v"), "s")
                .node("Mul", List.of("v", "s"), "y")
                .output("y")
                .build();
        Graph fused = EagerGraphs.fuseSilu(g);
        assertEquals(
                List.of("Relu", "HardSwish"),
                fused.nodes().stream().map(Node::opType).toList());
        assertEquals(List.of("v"), fused.nodes().get(1).inputs());
        assertEquals(List.of("y"), fused.nodes().get(1).outputs());
    }

    @Test
    void relu6KeepsItsInputForBackwardAsHardtanhDoes() {
        OpRegistry autograd = AutogradRules.of(REGISTRY);
        Node clip = new Node("c", "", "Clip", List.of("a"), List.of("b"), Map.of());
        Node relu = new Node("r", "", "Relu", List.of("a"), List.of("b"), Map.of());
        assertEquals(
                BackwardSaves.FIRST_INPUT,
                autograd.find("", "Clip", 13).orElseThrow().savedForBackward(clip));
        assertEquals(
                REGISTRY.find("", "Relu", 13).orElseThrow().savedForBackward(relu),
                autograd.find("", "Relu", 13).orElseThrow().savedForBackward(relu));
    }

    @Test
    void adamsUpdateHoldsTwoTemporariesOfTheLargestParameter() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("small", param("small", 100, true));
        tensors.put("large", param("large", 300, true));
        tensors.put("frozen", param("frozen", 1000, false));
        Assumptions adam = Assumptions.DEFAULT.withTraining(TrainingAssumptions.of(Optimizer.ADAM));
        Assumptions momentum = Assumptions.DEFAULT.withTraining(TrainingAssumptions.of(Optimizer.MOMENTUM));
        assertEquals(2 * 300 * 4, EagerTraining.optimizerTemporaries(tensors, adam)); // the frozen one learns nothing
        assertEquals(0, EagerTraining.optimizerTemporaries(tensors, momentum));
    }

    private static Tensor param(String name, long n, boolean trainable) {
        return new Tensor(name, DType.FLOAT32, Shape.of(n), TensorRole.WEIGHT, trainable, null, null);
    }
}
