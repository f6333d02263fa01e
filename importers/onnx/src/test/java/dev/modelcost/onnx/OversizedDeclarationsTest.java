package dev.modelcost.onnx;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Declared sizes so large that their products or totals pass 2^63: each is answered with a typed refusal
 * or a report with diagnostics, never an ArithmeticException out of the library.
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
        return OnnxSchema.ValueInfo.newBuilder().setName(name).setType(OnnxSchema.Type.newBuilder()
                .setTensorType(OnnxSchema.Type.TensorType.newBuilder().setElemType(1).setShape(shape))).build();
    }

    private Path write(OnnxSchema.Graph.Builder g) throws Exception {
        OnnxSchema.Model m = OnnxSchema.Model.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13)).setGraph(g.setName("g")).build();
        Path f = dir.resolve("m.onnx");
        Files.write(f, m.toByteArray());
        return f;
    }

    /** Passes when inspecting gives a report or a ModelException; fails on anything else. */
    private static void answeredCleanly(Path f) throws Exception {
        try {
            Report r = ModelCost.standard().inspect(f);
            assertTrue(r != null);
        } catch (ModelException typed) {
            assertTrue(typed.getMessage().startsWith(f.toString()), typed.getMessage());
        } catch (RuntimeException e) {
            fail("escaped the library: " + e, e);
        }
    }

    @Test
    void anInputWhoseDimensionsMultiplyPast64BitsIsAnsweredCleanly() throws Exception {
        Path f = write(OnnxSchema.Graph.newBuilder()
                .addInput(value("x", HUGE, HUGE, HUGE))
                .addOutput(value("y", HUGE, HUGE, HUGE))
                .addNode(OnnxSchema.Node.newBuilder().setOpType("Relu").addInput("x").addOutput("y")));
        answeredCleanly(f);
    }

    @Test
    void activationsWhoseTotalPasses64BitsAreAnsweredCleanly() throws Exception {
        // Each output has 2^61 elements (fits); four float32 outputs of them total 2^65 bytes.
        OnnxSchema.Graph.Builder g = OnnxSchema.Graph.newBuilder().addInput(value("x", 1L << 61));
        String prev = "x";
        for (int i = 0; i < 4; i++) {
            g.addNode(OnnxSchema.Node.newBuilder().setOpType("Relu").addInput(prev).addOutput("y" + i));
            prev = "y" + i;
        }
        g.addOutput(value(prev, 1L << 61));
        answeredCleanly(write(g));
    }

    @Test
    void anInitializerWhoseDimensionsMultiplyPast64BitsIsMalformedAndNamed() throws Exception {
        Path f = write(OnnxSchema.Graph.newBuilder().addInitializer(OnnxSchema.Tensor.newBuilder().setName("w")
                .setDataType(1).addDims(HUGE).addDims(HUGE).addDims(HUGE)));
        MalformedModelException e = assertThrows(MalformedModelException.class, () -> ModelCost.standard().inspect(f));
        assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("2^63"), e.getMessage());
    }

    @Test
    void macsWhoseTotalPasses64BitsAreAnsweredCleanly() throws Exception {
        // MatMul [2^20, 2^22] x [2^22, 2^22]: 2^64 MACs from dimensions that each fit.
        Path f = write(OnnxSchema.Graph.newBuilder()
                .addInput(value("a", 1L << 20, 1L << 22))
                .addInput(value("b", 1L << 22, 1L << 22))
                .addNode(OnnxSchema.Node.newBuilder().setOpType("MatMul").addInput("a").addInput("b").addOutput("c"))
                .addOutput(value("c", 1L << 20, 1L << 22)));
        answeredCleanly(f);
    }
}
