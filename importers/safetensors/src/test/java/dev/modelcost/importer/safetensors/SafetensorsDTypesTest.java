package dev.modelcost.importer.safetensors;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every dtype of the safetensors spec, 4 values each, with its width from the spec (bytes = 4 × width). */
class SafetensorsDTypesTest {
    @TempDir
    Path dir;

    @Test
    void everySpecDtypeReadsWithItsWidth() throws Exception {
        Map<String, Object[]> spec = Map.ofEntries(
                Map.entry("BOOL", new Object[] {1, DType.BOOL}), Map.entry("U8", new Object[] {1, DType.UINT8}),
                Map.entry("I8", new Object[] {1, DType.INT8}), Map.entry("F8_E5M2", new Object[] {1, DType.FLOAT8E5M2}),
                Map.entry("F8_E4M3", new Object[] {1, DType.FLOAT8E4M3FN}),
                        Map.entry("I16", new Object[] {2, DType.INT16}),
                Map.entry("U16", new Object[] {2, DType.UINT16}), Map.entry("F16", new Object[] {2, DType.FLOAT16}),
                Map.entry("BF16", new Object[] {2, DType.BFLOAT16}), Map.entry("I32", new Object[] {4, DType.INT32}),
                Map.entry("U32", new Object[] {4, DType.UINT32}), Map.entry("F32", new Object[] {4, DType.FLOAT32}),
                Map.entry("F64", new Object[] {8, DType.FLOAT64}), Map.entry("I64", new Object[] {8, DType.INT64}),
                Map.entry("U64", new Object[] {8, DType.UINT64}), Map.entry("C64", new Object[] {8, DType.COMPLEX64}));
        Fixture fx = new Fixture();
        spec.forEach((name, w) -> fx.tensor("t_" + name, name, 4L * (Integer) w[0], 4));
        fx.tensor("t_F4", "F4", 2, 4); // e2m1, two values a byte
        Path f = dir.resolve("all.safetensors");
        Files.write(f, fx.bytes());
        ImportedModel m = Imports.read(f);
        spec.forEach((name, w) -> {
            Tensor t = m.graph().tensors().get("t_" + name);
            assertEquals(w[1], t.dtype(), name);
            assertEquals(4L * (Integer) w[0], t.storage().lengthBytes(), name);
        });
        assertEquals(DType.FLOAT4E2M1, m.graph().tensors().get("t_F4").dtype());
    }
}
