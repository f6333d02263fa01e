package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --dim reaches every declared shape: a state input whose second axis is the batch symbol, and the output an
 * unknown op declares [batch, 2, total, 8]. A --dim that names no symbol of the model is refused, naming them.
 */
class DeclaredShapesTest {
    private static Dim sym(String n) {
        return Dim.symbol(n);
    }

    /** ids [batch, seq]; past [2, batch, past, 8] → Opaque (no rule) → present, declared [2, batch, total, 8]. */
    private static Graph decoder() {
        ValueInfo ids = new ValueInfo("ids", new TensorType(DType.INT64, Shape.of(List.of(sym("batch"), sym("seq")))));
        ValueInfo past = new ValueInfo(
                "past",
                new TensorType(DType.FLOAT32, Shape.of(List.of(Dim.of(2), sym("batch"), sym("past"), Dim.of(8)))));
        ValueInfo present = new ValueInfo(
                "present",
                new TensorType(DType.FLOAT32, Shape.of(List.of(Dim.of(2), sym("batch"), sym("total"), Dim.of(8)))));
        Node op = new Node("cache", "example.domain", "Opaque", List.of("ids", "past"), List.of("present"), Map.of());
        return new Graph(
                "g",
                List.of(op),
                List.of(ids, past),
                List.of(present),
                Map.of(),
                Map.of("present", present),
                Map.of("", 17, "example.domain", 1));
    }

    private static Report analyze(Assumptions a) {
        ImportedModel m = new ImportedModel("onnx", "t.onnx", 0, decoder(), List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, a);
    }

    @Test
    void dimValuesAndThePerSampleBatchReachDeclaredStateAndOutputShapes() {
        Report r = analyze(new Assumptions(1, Map.of("seq", 1L, "past", 100L, "total", 101L), null));
        assertEquals(
                Shape.of(2, 1, 100, 8), r.inputs().get(1).type().shape(), "batch symbol on axis 1 read per sample");
        assertEquals(Shape.of(2, 1, 101, 8), r.outputs().get(0).type().shape());
        assertTrue(
                r.diagnostics().stream().noneMatch(d -> d.message().contains("fix them with --dim")),
                r.diagnostics().toString());
    }

    @Test
    void aDimGivenForTheBatchSymbolStillReachesItsOtherAxes() {
        Report r = analyze(new Assumptions(1, Map.of("batch", 1L, "seq", 1L, "past", 4L, "total", 5L), null));
        assertEquals(Shape.of(2, 1, 4, 8), r.inputs().get(1).type().shape());
        assertEquals(Shape.of(2, 1, 5, 8), r.outputs().get(0).type().shape());
    }

    @Test
    void withoutDimsTheDeclaredSymbolsStandWhereInferenceKnowsNothing() {
        Report r = analyze(Assumptions.DEFAULT);
        assertEquals(
                Shape.of(List.of(Dim.of(2), Dim.of(1), sym("total"), Dim.of(8))),
                r.outputs().get(0).type().shape());
    }

    @Test
    void theKvCacheOfTheDecoderIsCountedPerTokenAndForTheGivenLength() {
        Report r = analyze(new Assumptions(3, Map.of("seq", 1L, "past", 100L, "total", 101L), null));
        // past [2, batch, past, 8] fp32: K and V (the leading 2) of one layer, one head of 8: 2 x 8 x 4 = 64 bytes per
        // token
        assertEquals(1, r.kvCache().shape().layers());
        assertEquals(64, r.kvCache().bytesPerToken());
        assertEquals(101, r.kvCache().contextTokens());
        assertEquals(64L * 3 * 101, r.kvCache().cacheBytes());
        // The cache is the graph's past input and present output: activations, inside the peak (the present output
        // alone is 64 x 3 x 101 bytes), so memory to run counts it there once and adds no term of its own.
        assertTrue(r.kvCache().inActivations());
        assertTrue(r.activations().peakLiveBytes() >= 64L * 3 * 101);
        assertEquals(0, r.memoryToRunKvCacheBytes());
        assertEquals(r.parameters().logicalBytes() + r.activations().peakLiveBytes(), r.memoryToRunBytes());
    }

    @Test
    void aDimNamingNoSymbolOfTheModelIsRefusedWithTheModelsSymbols() {
        UnknownDimensionException e = assertThrows(
                UnknownDimensionException.class, () -> analyze(new Assumptions(1, Map.of("seq_len", 8L), null)));
        assertEquals(Set.of("batch", "past", "seq", "total"), e.modelSymbols());
        assertTrue(
                e.getMessage().contains("seq_len") && e.getMessage().contains("batch, past, seq, total"),
                e.getMessage());
    }
}
