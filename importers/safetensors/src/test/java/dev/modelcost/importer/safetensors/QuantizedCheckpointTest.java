package dev.modelcost.importer.safetensors;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Packed quantized weights report logical parameters and stored bytes apart. Layouts (AutoGPTQ / AutoAWQ /
 * bitsandbytes serialization): a GPTQ 4-bit Linear(in=64, out=32) stores qweight int32 [64/8, 32], scales fp16
 * [64/128 → 1, 32], qzeros int32 [1, 32/8], g_idx int32 [64]; AWQ stores qweight int32 [64, 32/8]; bitsandbytes nf4
 * stores the 64×32 weight as uint8 [1024, 1] plus absmax, quant_map and a quant_state blob.
 */
class QuantizedCheckpointTest {
    @TempDir
    Path dir;

    private Imports.Analyzed read(String config, byte[] content) throws Exception {
        Files.writeString(dir.resolve("config.json"), config);
        Path f = dir.resolve("model.safetensors");
        Files.write(f, content);
        return Imports.analyze(f);
    }

    @Test
    void gptqInt4CountsUnpackedElementsAndStoresPackedWords() throws Exception {
        Imports.Analyzed a = read(
                "{\"torch_dtype\": \"float16\", \"quantization_config\": {\"quant_method\": \"gptq\", "
                        + "\"bits\": 4, \"group_size\": 128}}",
                new Fixture()
                        .tensor("l.qweight", "I32", 8 * 32 * 4, 8, 32)
                        .tensor("l.scales", "F16", 32 * 2, 1, 32)
                        .tensor("l.qzeros", "I32", 4 * 4, 1, 4)
                        .tensor("l.g_idx", "I32", 64 * 4, 64)
                        .tensor("l.bias", "F16", 32 * 2, 32)
                        .bytes());
        ImportedModel m = a.model();
        Tensor w = m.graph().tensors().get("l.qweight");
        assertEquals(64L * 32, w.elementCount().getAsLong());
        assertEquals(TensorRole.WEIGHT, w.declaredRole());
        assertEquals(DType.FLOAT16, w.dtype());
        assertEquals(Storage.Encoding.BLOCKS, w.storage().encoding());
        assertEquals(64L * 32 / 2, w.storage().lengthBytes(), "4 bits a value");
        Report r = a.report();
        assertEquals(
                64 * 32 + 32, r.parameters().total(), "logical weight + bias; scales, zeros, g_idx are not parameters");
        assertEquals(32 + 4 + 64, r.parameters().constantElements());
        assertEquals(0, r.ledger().unexplainedBytes());
        assertEquals("gptq 4-bit", m.metadata().get("quantization"));
    }

    @Test
    void awqPacksTheLastDimension() throws Exception {
        Imports.Analyzed a = read(
                "{\"quantization_config\": {\"quant_method\": \"awq\", \"bits\": 4}}",
                new Fixture()
                        .tensor("l.qweight", "I32", 64 * 4 * 4, 64, 4)
                        .tensor("l.scales", "F16", 32 * 2, 1, 32)
                        .bytes());
        ImportedModel m = a.model();
        Tensor w = m.graph().tensors().get("l.qweight");
        assertEquals("[64, 32]", w.shape().toString());
        assertEquals(1024, w.storage().lengthBytes());
    }

    @Test
    void bitsandbytesNf4TwoValuesAByte() throws Exception {
        Imports.Analyzed a = read(
                "{\"torch_dtype\": \"bfloat16\"}",
                new Fixture()
                        .tensor("l.weight", "U8", 1024, 1024, 1)
                        .tensor("l.weight.absmax", "F32", 4 * 32, 32)
                        .tensor("l.weight.quant_map", "F32", 4 * 16, 16)
                        .tensor("l.weight.quant_state.bitsandbytes__nf4", "U8", 8, 8)
                        .bytes());
        ImportedModel m = a.model();
        Tensor w = m.graph().tensors().get("l.weight");
        assertEquals(2048, w.elementCount().getAsLong());
        assertEquals(DType.BFLOAT16, w.dtype());
        Report r = a.report();
        assertEquals(2048, r.parameters().total());
        assertEquals(0, r.ledger().unexplainedBytes());
    }

    @Test
    void withoutAConfigQweightIsStillGptqInt4() throws Exception {
        Files.write(
                dir.resolve("model.safetensors"),
                new Fixture().tensor("l.qweight", "I32", 8 * 32 * 4, 8, 32).bytes());
        ImportedModel m = Imports.read(dir.resolve("model.safetensors"));
        assertEquals(
                64L * 32, m.graph().tensors().get("l.qweight").elementCount().getAsLong());
    }
}
