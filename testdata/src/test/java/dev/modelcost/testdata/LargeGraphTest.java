package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.Report;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A hostile file can be small and still have very many nodes (a Relu node is about 20 bytes). Every
 * analysis must stay near-linear in the node count: 100,000 chained nodes (2 MB) must be answered, in the
 * 256 MiB heap, well inside a generous hang guard. A per-node copy of the type map once made this
 * quadratic. (A guard against hangs, not a speed target.)
 */
class LargeGraphTest {
    private static final int NODES = 100_000;

    @TempDir
    Path dir;

    @Test
    void aLongChainOfNodesIsAnalysedWithoutQuadraticWork() throws Exception {
        OnnxSchema.Shape.Builder shape = OnnxSchema.Shape.newBuilder()
                .addDim(OnnxSchema.Shape.Dimension.newBuilder().setDimValue(1))
                .addDim(OnnxSchema.Shape.Dimension.newBuilder().setDimValue(8));
        OnnxSchema.Type type = OnnxSchema.Type.newBuilder()
                .setTensorType(
                        OnnxSchema.Type.TensorType.newBuilder().setElemType(1).setShape(shape))
                .build();
        OnnxSchema.Graph.Builder g = OnnxSchema.Graph.newBuilder()
                .setName("chain")
                .addInput(OnnxSchema.ValueInfo.newBuilder().setName("t0").setType(type));
        for (int i = 0; i < NODES; i++) {
            g.addNode(OnnxSchema.Node.newBuilder()
                    .setOpType("Relu")
                    .addInput("t" + i)
                    .addOutput("t" + (i + 1)));
        }
        g.addOutput(OnnxSchema.ValueInfo.newBuilder().setName("t" + NODES).setType(type));
        Path f = dir.resolve("chain.onnx");
        Files.write(
                f,
                OnnxSchema.Model.newBuilder()
                        .setIrVersion(8)
                        .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13))
                        .setGraph(g)
                        .build()
                        .toByteArray());

        Report r = assertTimeoutPreemptively(
                Duration.ofSeconds(120), () -> ModelCost.standard().inspect(f));
        assertEquals(NODES, r.layers().size(), "one row per node");
        assertEquals(
                "[1, 8]", r.layers().get(NODES - 1).output().shape().toString(), "the shape reached the last node");
    }
}
