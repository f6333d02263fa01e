package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Tensor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameter-sized memory of training: the parameters in their working type, fp32 master copies under
 * mixed precision, one gradient per trainable parameter and the optimizer's slots. Only floating-point
 * parameters marked trainable learn; normalisation statistics, frozen and quantized tensors get neither a
 * gradient nor optimizer state.
 */
record ParameterState(
        long trainableElements,
        long parametersBytes,
        long masterWeightsBytes,
        long gradientsBytes,
        long optimizerStateBytes,
        Map<String, Long> gradientBytesByTensor,
        boolean complete) {

    static ParameterState of(Collection<Tensor> tensors, Assumptions a) {
        TrainingAssumptions t = a.training();
        long trainable = 0;
        long params = 0;
        long masters = 0;
        long grads = 0;
        long state = 0;
        boolean complete = true;
        Map<String, Long> byTensor = new LinkedHashMap<>();
        for (Tensor x : tensors) {
            if (!x.declaredRole().isParameter()) {
                continue;
            }
            if (x.elementCount().isEmpty() || !x.dtype().hasFixedWidth()) {
                complete = false;
                continue;
            }
            long n = x.elementCount().getAsLong();
            DType working = workingType(x.dtype(), a);
            long bytes = working.bytesFor(n).getAsLong();
            params = Math.addExact(params, bytes);
            if (!learns(x)) {
                continue;
            }
            trainable = Math.addExact(trainable, n);
            grads = Math.addExact(grads, bytes);
            byTensor.put(x.name(), bytes);
            DType stateType = t.mixedPrecision() != null ? DType.FLOAT32 : working;
            if (t.mixedPrecision() != null) {
                masters = Math.addExact(masters, DType.FLOAT32.bytesFor(n).getAsLong());
            }
            long slotBytes = stateType.bytesFor(n).getAsLong();
            state = Math.addExact(
                    state, Math.multiplyExact(slotBytes, (long) t.optimizer().slots()));
        }
        return new ParameterState(trainable, params, masters, grads, state, byTensor, complete);
    }

    static boolean learns(Tensor x) {
        return x.declaredRole().isParameter()
                && Boolean.TRUE.equals(x.declaredTrainable())
                && x.dtype().isFloating();
    }

    /** The type a floating-point value is held in during training: the half type, else --dtype, else as stored. */
    static DType workingType(DType stored, Assumptions a) {
        if (!stored.isFloating()) {
            return stored;
        }
        if (a.training() != null && a.training().mixedPrecision() != null) {
            return a.training().mixedPrecision();
        }
        return a.activationDType() != null ? a.activationDType() : stored;
    }
}
