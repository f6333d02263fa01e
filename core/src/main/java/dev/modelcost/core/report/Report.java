package dev.modelcost.core.report;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything modelcost says about one model, computed under {@code assumptions}. Formatters print it
 * and compute nothing. {@code macs} is per sample; {@code macsComplete} is false when some were unknown.
 * {@code training} is the memory of one training step, or null when only inference was asked for.
 * {@code kvCache} is the memory to run a transformer whose files declare its shape, or null.
 * {@code shapeSamples} is how many samples the shapes of {@code inputs}, {@code outputs} and {@code layers} hold: the
 * batch where the model's batch axis is known (a symbolic one, or one the file fixes), 1 where it is not (the
 * shapes are then as declared, and the figures per sample scaled by the batch).
 */
public record Report(
        ModelSummary model,
        Assumptions assumptions,
        List<ValueInfo> inputs,
        List<ValueInfo> outputs,
        ParameterSummary parameters,
        ActivationSummary activations,
        long macs,
        boolean macsComplete,
        List<LayerRow> layers,
        Ledger ledger,
        List<Diagnostic> diagnostics,
        TrainingSummary training,
        KvCacheSummary kvCache,
        long shapeSamples) {
    /**
     * 2: parameters.byRole has "quantization"; ONNX decoder graphs get kvCache. 3: the role "buffer" (anchor/prior
     * boxes: not parameters, counted with the constants and in parameters.buffers).
     */
    public static final int SCHEMA_VERSION = 3;

    /**
     * Memory to run inference for the assumed batch (docs/memory.md): {@link #memoryToRunWeightsBytes()} plus the peak
     * of live activations for the batch (in the what-if dtype where one is given) plus
     * {@link #memoryToRunKvCacheBytes()}. A lower bound where {@link #memoryToRunComplete()} is false.
     */
    public long memoryToRunBytes() {
        return Math.addExact(
                Math.addExact(memoryToRunWeightsBytes(), memoryToRunActivationBytes()), memoryToRunKvCacheBytes());
    }

    /**
     * The peak of live activations for the batch; under a runtime profile ({@code --runtime}), the ideal peak plus what
     * that runtime's terms add to it (docs/memory.md, "Runtime profiles").
     */
    public long memoryToRunActivationBytes() {
        RuntimeEstimate runtime = activations.runtime();
        return runtime == null
                ? activations.peakLiveBytes()
                : Math.addExact(activations.peakLiveBytes(), runtime.bytes() - runtime.idealBytes());
    }

    /**
     * The weights a runtime holds: the parameters as stored ({@link ParameterSummary#storedBytes()}: quantized blocks
     * as blocks, not dequantized).
     */
    public long memoryToRunWeightsBytes() {
        return parameters.storedBytes();
    }

    /**
     * The KV cache as a term of its own: the cache for the batch at the context length where the files declare a
     * transformer; 0 where there is none, where its context is not known (then a lower bound), and for an ONNX decoder
     * graph, whose past/present inputs and outputs are activations already counted in the peak.
     */
    public long memoryToRunKvCacheBytes() {
        return cacheBesideActivations() && kvCache.cacheBytes() > 0 ? kvCache.cacheBytes() : 0;
    }

    private boolean cacheBesideActivations() {
        return kvCache != null && !kvCache.inActivations();
    }

    /** False when unknown shapes or dtypes, or an unknown context length, make {@link #memoryToRunBytes()} a lower bound. */
    public boolean memoryToRunComplete() {
        return activations.complete() && (kvCache == null || kvCache.cacheBytes() >= 0);
    }

    public Report {
        if (shapeSamples < 1) {
            throw new IllegalArgumentException("shapes hold at least 1 sample, not " + shapeSamples);
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        layers = List.copyOf(layers);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * This report with what reading the model remotely cost: in the model's summary, and as a diagnostic line that
     * puts the bytes beside the file's size.
     */
    public Report withFetch(FetchSummary fetch) {
        ModelSummary m = new ModelSummary(model.format(), model.path(), model.fileBytes(), model.metadata(), fetch);
        String share = model.fileBytes() > 0
                ? String.format(
                        Locale.ROOT,
                        " (%.2f%% of the file's %,d bytes)",
                        100.0 * fetch.bytes() / model.fileBytes(),
                        model.fileBytes())
                : "";
        List<Diagnostic> d = new ArrayList<>(diagnostics);
        d.add(Diagnostic.info(String.format(
                        Locale.ROOT,
                        "read over HTTP: %,d bytes fetched in %,d requests",
                        fetch.bytes(),
                        fetch.requests())
                + share));
        return new Report(
                m,
                assumptions,
                inputs,
                outputs,
                parameters,
                activations,
                macs,
                macsComplete,
                layers,
                ledger,
                d,
                training,
                kvCache,
                shapeSamples);
    }
}
