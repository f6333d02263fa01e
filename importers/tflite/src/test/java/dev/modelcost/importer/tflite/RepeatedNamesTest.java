package dev.modelcost.importer.tflite;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.spi.ImportOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A flatbuffer can point every entry of its tensor vector at one table: 200,000 tensors of one name stay linear. */
class RepeatedNamesTest {
    @Test
    void manyTensorsOfOneNameAreNamedInLinearTime() {
        int n = 200_000;
        List<TfliteModel.Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tensors.add(new TfliteModel.Tensor("x", DType.FLOAT32, 0, new long[] {1}, 0, false, false, null));
        }
        TfliteModel.Subgraph sg = new TfliteModel.Subgraph("main", tensors, new int[0], new int[0], List.of());
        TfliteModel model =
                new TfliteModel(3, "", List.of(), List.of(sg), List.of(TfliteModel.Buffer.EMPTY), List.of(), List.of());
        Graph g = assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> new GraphBuilder(model, 1000, ImportOptions.DEFAULTS).build());
        assertEquals(n, g.declaredValues().size());
        assertEquals(true, g.declaredValues().containsKey("x #" + n));
        assertEquals(Map.of(), g.tensors());
    }
}
