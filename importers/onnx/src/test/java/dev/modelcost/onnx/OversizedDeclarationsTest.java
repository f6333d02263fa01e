package dev.modelcost.onnx;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Declared sizes so large that their products or totals pass 2^63: each is answered with a typed refusal naming
 * the file, or a report that says its figures are incomplete and why, never a wrapped number or an
 * ArithmeticException out of the library. Where a report is possible its figures are derived by hand below.
 */
class OversizedDeclarationsTest {
    private static final long HUGE = 1L << 31;

    @TempDir
    Path dir;

    private static OnnxSchema.ValueInfo value(String name, long... dims) {
        OnnxSchema.Shape.Builder shape = OnnxSchema.Shape.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxSchema.Shape.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxSchema.ValueInfo.newBuilder()
                .setName(name)
                .setType(OnnxSchema.Type.newBuilder()
                        .setTensorType(OnnxSchema.Type.TensorType.newBuilder()
                                .setElemType(1)
                                .setShape(shape)))
                .build();
    }

    private Path write(OnnxSchema.Graph.Builder g) throws Exception {
        OnnxSchema.Model m = OnnxSchema.Model.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13))
                .setGraph(g.setName("g"))
                .build();
        Path f = dir.resolve("m.onnx");
        Files.write(f, m.toByteArray());
        return f;
    }

    private static boolean saysTooLarge(String message) {
        return message.contains("64 bits") || message.contains("2^63") || message.contains("overflow");
    }

    /**
     * The sizes cannot be totalled in 64 bits: either a ModelException naming the file and the overflow, or a
     * report whose activation figures are marked incomplete, with a diagnostic naming the overflow, and no
     * negative (wrapped) figure.
     */
    private static void refusedOrMarkedIncomplete(Path f) throws Exception {
        Report r;
        try {
            r = ModelCost.standard().inspect(f);
        } catch (ModelException typed) {
            assertTrue(
                    typed.getMessage().startsWith(f.toString()) && saysTooLarge(typed.getMessage()),
                    typed.getMessage());
            return;
        } catch (RuntimeException e) {
            fail("escaped the library: " + e, e);
            return;
        }
        assertFalse(r.activations().complete(), "activation figures past 2^63 cannot be complete");
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> saysTooLarge(d.message())),
                r.diagnostics().toString());
        assertTrue(
                r.activations().layerOutputBytes() >= 0 && r.activations().peakLiveBytes() >= 0,
                "wrapped figure: " + r.activations());
    }

    @Test
    void anInputWhoseDimensionsMultiplyPast64BitsIsAnsweredCleanly() throws Exception {
        Path f = write(OnnxSchema.Graph.newBuilder()
                .addInput(value("x", HUGE, HUGE, HUGE))
                .addOutput(value("y", HUGE, HUGE, HUGE))
                .addNode(OnnxSchema.Node.newBuilder()
                        .setOpType("Relu")
                        .addInput("x")
                        .addOutput("y")));
        // 2^31 · 2^31 · 2^31 = 2^93 elements: no 64-bit count exists.
        refusedOrMarkedIncomplete(f);
    }

    @Test
    void activationsWhoseTotalPasses64BitsAreAnsweredCleanly() throws Exception {
        // Each value has 2^60 elements, 2^62 float32 bytes (fits); the input and four outputs total 5 · 2^62 bytes.
        OnnxSchema.Graph.Builder g = OnnxSchema.Graph.newBuilder().addInput(value("x", 1L << 60));
        String prev = "x";
        for (int i = 0; i < 4; i++) {
            g.addNode(OnnxSchema.Node.newBuilder()
                    .setOpType("Relu")
                    .addInput(prev)
                    .addOutput("y" + i));
            prev = "y" + i;
        }
        g.addOutput(value(prev, 1L << 60));
        refusedOrMarkedIncomplete(write(g));
    }

    @Test
    void anInitializerWhoseDimensionsMultiplyPast64BitsIsMalformedAndNamed() throws Exception {
        Path f = write(OnnxSchema.Graph.newBuilder()
                .addInitializer(OnnxSchema.Tensor.newBuilder()
                        .setName("w")
                        .setDataType(1)
                        .addDims(HUGE)
                        .addDims(HUGE)
                        .addDims(HUGE)));
        MalformedModelException e = assertThrows(
                MalformedModelException.class, () -> ModelCost.standard().inspect(f));
        assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("2^63"), e.getMessage());
    }

    @Test
    void macsWhoseTotalPasses64BitsAreAnsweredCleanly() throws Exception {
        // MatMul [2^20, 2^22] x [2^22, 2^22]: 2^64 MACs from dimensions that each fit.
        Path f = write(OnnxSchema.Graph.newBuilder()
                .addInput(value("a", 1L << 20, 1L << 22))
                .addInput(value("b", 1L << 22, 1L << 22))
                .addNode(OnnxSchema.Node.newBuilder()
                        .setOpType("MatMul")
                        .addInput("a")
                        .addInput("b")
                        .addOutput("c"))
                .addOutput(value("c", 1L << 20, 1L << 22)));
        Report r = ModelCost.standard().inspect(f);
        // MACs: 2^20 · 2^22 · 2^22 = 2^64, past 2^63 - 1: unknown for the node, the total a marked lower bound.
        assertFalse(r.macsComplete());
        assertEquals(0, r.macs());
        LayerRow c = r.layers().get(0);
        assertNull(c.macs(), "MatMul's 2^64 MACs cannot be a long");
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("'c'") && saysTooLarge(d.message())),
                r.diagnostics().toString());
        // Every size fits: c has 2^20 · 2^22 = 2^42 elements; a, b and c together 2^42 + 2^44 + 2^42 = 6 · 2^42,
        // 4 bytes each; all three are alive at the end; beyond the inputs only c (2^44 bytes).
        assertEquals(1L << 42, c.activationElements());
        assertEquals(6L << 42, r.activations().layerOutputElements());
        assertEquals(24L << 42, r.activations().layerOutputBytes());
        assertEquals(24L << 42, r.activations().peakLiveBytes());
        assertEquals(1L << 44, r.activations().peakLiveBytesBeyondInputs());
        assertTrue(r.activations().complete());
    }
}
