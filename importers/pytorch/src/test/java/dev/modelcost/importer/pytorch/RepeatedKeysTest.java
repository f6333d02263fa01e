package dev.modelcost.importer.pytorch;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.importer.pytorch.pickle.PickleValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A hostile pickle may repeat one dict key for 100,000 different tensors: they are named in linear time. */
class RepeatedKeysTest {
    @Test
    void manyTensorsUnderOneKeyAreNamedInLinearTime() {
        int n = 100_000;
        PickleValue.Storage storage = new PickleValue.Storage("FloatStorage", "0", "cpu", n, 0);
        List<TensorWalk.Found> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            found.add(new TensorWalk.Found(
                    List.of("w"), new PickleValue.Tensor(storage, i, new long[] {1}, new long[] {1}, false)));
        }
        CheckpointBuilder b = new CheckpointBuilder(Map.of("0", new StoredStorage("0", "FloatStorage", n, 0, 4L * n)));
        Graph g = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> b.build(found));
        assertEquals(n, g.tensors().size());
        assertEquals(true, g.tensors().containsKey("w #" + n));
    }
}
