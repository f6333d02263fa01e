package dev.modelcost.importer.safetensors;

import dev.modelcost.core.ir.BlockFormat;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorNameRoles;
import dev.modelcost.core.ir.TensorRole;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IR tensors of one safetensors file. Roles follow {@link TensorNameRoles}; packed quantized weights are
 * recognised by their names and dtypes and reported with their logical shape and stored blocks:
 * <ul>
 *   <li>GPTQ and AWQ {@code *.qweight}: int32 words holding {@code bits}-bit codes, 32 values in {@code bits} words
 *       (GPTQ packs along the input dimension, dimension 0; AWQ along the output, the last dimension);</li>
 *   <li>bitsandbytes 4-bit: a uint8 {@code *.weight} with a {@code *.weight.quant_state.bitsandbytes__nf4} (or
 *       {@code __fp4}) beside it, two values a byte;</li>
 *   <li>bitsandbytes 8-bit: an int8 {@code *.weight} with {@code *.SCB} beside it, one value a byte.</li>
 * </ul>
 * The logical dtype is that of the weight's {@code scales} (else the config's {@code torch_dtype}, else fp16).
 * Scales, zeros and quantization state are constants (TensorNameRoles): stored, but not parameters.
 */
final class CheckpointTensors {
    private static final int GPTQ_DEFAULT_BITS = 4;

    private CheckpointTensors() {}

    /** {@code file} is "" for the model file itself, else the shard's name relative to it. */
    static void addTo(List<Tensor> out, String file, SafetensorsHeader h, HfConfig config) {
        Map<String, HeaderEntry> byName = new HashMap<>();
        for (HeaderEntry e : h.tensors()) {
            byName.put(e.name(), e);
        }
        for (HeaderEntry e : h.tensors()) {
            long offset = h.dataStartBytes() + e.beginBytes();
            Tensor packed = packed(e, file, offset, byName, config);
            out.add(
                    packed != null
                            ? packed
                            : new Tensor(
                                    e.name(),
                                    e.dtype(),
                                    Shape.of(e.shape()),
                                    TensorNameRoles.roleOf(e.name(), e.dtype()),
                                    null,
                                    new Storage(file, offset, e.bytes(), Storage.Encoding.RAW),
                                    null));
        }
    }

    private static Tensor packed(
            HeaderEntry e, String file, long offset, Map<String, HeaderEntry> names, HfConfig config) {
        String n = e.name();
        long[] s = e.shape();
        if (n.endsWith(".qweight") && (e.dtype() == DType.INT32 || e.dtype() == DType.UINT32) && s.length == 2) {
            int bits = config.quantization().bits() > 0 ? config.quantization().bits() : GPTQ_DEFAULT_BITS;
            int dim = config.quantization().isAwq() ? 1 : 0;
            if (bits > 32 || Math.multiplyExact(s[dim], 32L) % bits != 0) {
                return null; // not a packing this importer knows: reported as stored
            }
            long[] logical = s.clone();
            logical[dim] = s[dim] * 32 / bits;
            String prefix = n.substring(0, n.length() - ".qweight".length());
            int common = gcd(32, bits); // 32 values in `bits` words, reduced: int4 is 8 values a word
            BlockFormat blocks = new BlockFormat(
                    (config.quantization().isAwq() ? "awq" : "gptq") + " int" + bits, 32 / common, 4 * bits / common);
            return quantized(n, logicalDType(names.get(prefix + ".scales"), config), logical, file, offset, e, blocks);
        }
        if (n.endsWith(".weight")
                && e.dtype() == DType.UINT8
                && (names.containsKey(n + ".quant_state.bitsandbytes__nf4")
                        || names.containsKey(n + ".quant_state.bitsandbytes__fp4"))) {
            String kind = names.containsKey(n + ".quant_state.bitsandbytes__nf4") ? "nf4" : "fp4";
            return quantized(
                    n,
                    logicalDType(null, config),
                    new long[] {e.elements() * 2},
                    file,
                    offset,
                    e,
                    new BlockFormat("bitsandbytes " + kind, 2, 1));
        }
        if (n.endsWith(".weight")
                && e.dtype() == DType.INT8
                && names.containsKey(n.substring(0, n.length() - ".weight".length()) + ".SCB")) {
            return new Tensor(
                    n,
                    DType.INT8,
                    Shape.of(s),
                    TensorRole.WEIGHT,
                    null,
                    new Storage(file, offset, e.bytes(), Storage.Encoding.RAW),
                    null);
        }
        return null;
    }

    private static Tensor quantized(
            String name, DType dtype, long[] logical, String file, long offset, HeaderEntry e, BlockFormat blocks) {
        return new Tensor(
                name,
                dtype,
                Shape.of(logical),
                TensorRole.WEIGHT,
                null,
                Storage.blocks(file, offset, e.bytes(), blocks),
                null);
    }

    private static DType logicalDType(HeaderEntry scales, HfConfig config) {
        return scales != null && scales.dtype().isFloating()
                ? scales.dtype()
                : config.torchDType().orElse(DType.FLOAT16);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
