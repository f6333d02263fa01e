package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.DeclaredOutput;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.MacsRate;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DL4J rule reads the typed records the importer puts on a node: the declared output and the MAC rate. */
class Dl4jLayerRuleTest {
    private final OpRule dense =
            OpRegistry.standard().find("dl4j", "DenseLayer", 1).orElseThrow();

    /** One node with input [2, 4]; records what the rule sets. */
    private static final class Ctx implements InferenceContext {
        private final Node node;
        private final TensorType in;
        private TensorType out = TensorType.UNKNOWN;

        Ctx(Node node, TensorType in) {
            this.node = node;
            this.in = in;
        }

        public Node node() {
            return node;
        }

        public int opset() {
            return 1;
        }

        public int inputCount() {
            return 1;
        }

        public TensorType input(int i) {
            return in;
        }

        public Optional<ConstantValues> inputValues(int i) {
            return Optional.empty();
        }

        public boolean inputIsStored(int i) {
            return false;
        }

        public TensorType output(int i) {
            return out;
        }

        public void setOutput(int i, TensorType t) {
            out = t;
        }

        public void setOutputValues(int i, ConstantValues v) {}

        public void diagnose(String message) {}
    }

    private static Node node(Map<String, Attr> attrs) {
        return new Node("d", "dl4j", "DenseLayer", List.of("x"), List.of("y"), attrs);
    }

    @Test
    void theDeclaredOutputTakesTheInputsBatchAndTheRatesCountsItsElements() {
        // DenseLayer nIn 4, nOut 3 on a batch of 2: output [2, 3]; 2 × 3 outputs × 4 inputs each = 24 MACs.
        DeclaredOutput declared = new DeclaredOutput(
                DType.FLOAT32, List.of(new DeclaredOutput.Axis.InputBatch(), new DeclaredOutput.Axis.Fixed(3)));
        Node n = node(Map.of(
                Dl4jLayerRule.DECLARED_OUTPUT,
                new Attr.DeclaredOutputValue(declared),
                Dl4jLayerRule.MACS_RATE,
                LayerCosts.attr(MacsRate.perOutputElement(4))));
        Ctx ctx = new Ctx(n, new TensorType(DType.FLOAT32, Shape.of(2, 4)));
        dense.infer(ctx);
        assertEquals(new TensorType(DType.FLOAT32, Shape.of(2, 3)), ctx.output(0));
        assertEquals(OptionalLong.of(24), dense.macs(ctx));
    }

    @Test
    void aPerRowRateCountsSamplesTimesStepsAndAnUnknownRateCountsNothingKnown() {
        // Input [1, 4, 5]: 5 steps of 4 features = 5 rows; 84 MACs per row (LSTM 4 → 3, below) = 420.
        Node perRow =
                node(Map.of(Dl4jLayerRule.MACS_RATE, LayerCosts.attr(new MacsRate(MacsRate.Per.INPUT_ROW, 84, 4))));
        TensorType seq = new TensorType(DType.FLOAT32, Shape.of(List.of(Dim.of(1), Dim.of(4), Dim.of(5))));
        assertEquals(OptionalLong.of(420), dense.macs(new Ctx(perRow, seq)));
        Node unknown = node(Map.of(Dl4jLayerRule.MACS_RATE, LayerCosts.attr(MacsRate.UNKNOWN)));
        assertEquals(OptionalLong.empty(), dense.macs(new Ctx(unknown, seq)));
        assertEquals(OptionalLong.of(0), dense.macs(new Ctx(node(Map.of()), seq)), "no rate: no MACs");
    }

    @Test
    void layerCostsGivesTheRateOfTheLayersConfiguration() {
        // Dense: nIn MACs per output element. LSTM: 4 gates × nOut × (nIn + nOut) per step = 4 × 3 × 7 = 84.
        assertEquals(
                MacsRate.perOutputElement(4),
                LayerCosts.of(new DenseLayer.Builder().nIn(4).nOut(3).build()));
        assertEquals(
                new MacsRate(MacsRate.Per.INPUT_ROW, 84, 4),
                LayerCosts.of(new LSTM.Builder().nIn(4).nOut(3).build()));
    }
}
