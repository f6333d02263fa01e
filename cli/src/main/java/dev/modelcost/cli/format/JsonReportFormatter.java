package dev.modelcost.cli.format;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.KvCacheSummary;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.RuntimeTerm;
import dev.modelcost.core.report.TrainingSummary;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/** The versioned JSON contract (schemaVersion in Report); docs/json-schema.md defines every field. */
public final class JsonReportFormatter implements ReportFormatter {
    private final boolean compact;
    private final OptionalInt depth;

    public JsonReportFormatter() {
        this(false);
    }

    /** {@code compact}: the whole report on one line (--format jsonl). */
    public JsonReportFormatter(boolean compact) {
        this(compact, OptionalInt.empty());
    }

    /** {@code depth}: --depth N, which adds the layers' groups by module path ("groups"). */
    public JsonReportFormatter(boolean compact, OptionalInt depth) {
        this.compact = compact;
        this.depth = depth;
    }

    @Override
    public void write(Report r, PrintWriter out) {
        JsonWriter w = new JsonWriter(out, compact);
        w.beginObject();
        w.field("schemaVersion", Report.SCHEMA_VERSION);
        writeModel(w, r);
        writeAssumptions(w, r);
        w.key("graph").beginObject();
        writeValues(w, "inputs", r.inputs());
        writeValues(w, "outputs", r.outputs());
        w.endObject();
        writeParameters(w, r.parameters());
        writeActivations(w, r.activations());
        writeTraining(w, r.training());
        if (r.kvCache() != null) {
            writeKvCache(w, r.kvCache());
        }
        w.field("macs", r.macs());
        w.field("macsComplete", r.macsComplete());
        w.field("flops", 2 * r.macs());
        w.key("memoryToRun")
                .beginObject()
                .field("bytes", r.memoryToRunBytes())
                .field("parametersBytes", r.memoryToRunWeightsBytes())
                .field("peakLiveActivationBytes", r.memoryToRunActivationBytes())
                .field("kvCacheBytes", r.memoryToRunKvCacheBytes())
                .field(
                        "kvCacheInActivations",
                        r.kvCache() != null && r.kvCache().inActivations())
                .field("batch", r.activations().batch())
                .field("complete", r.memoryToRunComplete())
                .endObject();
        writeConventions(w);
        JsonLayers.write(w, r.layers(), depth);
        writeLedger(w, r);
        w.key("diagnostics").beginArray();
        for (Diagnostic d : r.diagnostics()) {
            w.beginObject()
                    .field("severity", d.severity().name().toLowerCase(Locale.ROOT))
                    .field("message", d.message())
                    .endObject();
        }
        w.endArray();
        w.endObject();
        w.finish();
    }

    private static void writeModel(JsonWriter w, Report r) {
        w.key("model")
                .beginObject()
                .field("format", r.model().format())
                .field("path", r.model().path())
                .field("fileBytes", r.model().fileBytes());
        w.key("metadata").beginObject();
        new TreeMap<>(r.model().metadata()).forEach(w::field);
        w.endObject();
        if (r.model().fetch() != null) {
            w.key("fetch")
                    .beginObject()
                    .field("requests", r.model().fetch().requests())
                    .field("bytes", r.model().fetch().bytes())
                    .endObject();
        }
        w.endObject();
    }

    private static void writeAssumptions(JsonWriter w, Report r) {
        w.key("assumptions")
                .beginObject()
                .field("batch", r.assumptions().batch())
                .field("batchSource", BatchWords.source(r.assumptions()))
                .field("shapeBatch", r.shapeSamples());
        w.key("dims").beginObject();
        new TreeMap<>(r.assumptions().dimValues()).forEach((k, v) -> w.field(k, v.longValue()));
        w.endObject();
        DType d = r.assumptions().activationDType();
        w.field("dtype", d == null ? "stored" : d.shortName());
        w.field("training", r.assumptions().training() != null);
        w.endObject();
    }

    private static void writeValues(JsonWriter w, String key, List<ValueInfo> values) {
        w.key(key).beginArray();
        for (ValueInfo v : values) {
            w.beginObject().field("name", v.name()).field("dtype", Shapes.dtypeText(v));
            w.key("shape");
            if (v.isTensor()) {
                Shapes.write(w, v.type().shape());
            } else {
                w.nullValue();
            }
            w.endObject();
        }
        w.endArray();
    }

    private static void writeParameters(JsonWriter w, ParameterSummary p) {
        w.key("parameters")
                .beginObject()
                .field("total", p.total())
                .field("trainable", p.trainable())
                .field("nonTrainable", p.nonTrainable());
        w.key("byRole").beginObject();
        for (TensorRole role : TensorRole.values()) {
            if (role.isParameter()) {
                w.field(role.jsonName(), p.role(role));
            }
        }
        w.endObject();
        w.key("byDType").beginObject();
        for (Map.Entry<DType, Long> e : p.elementsByDType().entrySet()) {
            w.field(e.getKey().shortName(), e.getValue().longValue());
        }
        w.endObject();
        w.field("logicalBytes", p.logicalBytes());
        w.field("storedBytes", p.storedBytes());
        if (p.inAttributesLogicalBytes() != 0) {
            w.field("inAttributesLogicalBytes", p.inAttributesLogicalBytes());
        }
        w.field("tensors", p.tensorCount());
        w.key("constants")
                .beginObject()
                .field("elements", p.constantElements())
                .field("bytes", p.constantBytes())
                .endObject();
        if (p.bufferElements() > 0) { // present only where a buffer (anchor/prior boxes) was recognised
            w.key("buffers")
                    .beginObject()
                    .field("elements", p.bufferElements())
                    .field("bytes", p.bufferBytes())
                    .endObject();
        }
        if (!p.elementsByBlockFormat().isEmpty()) { // present only where some are block-quantized
            w.key("byBlockFormat").beginObject();
            new TreeMap<>(p.elementsByBlockFormat()).forEach((k, v) -> w.field(k, v.longValue()));
            w.endObject();
        }
        w.endObject();
    }

    private static void writeActivations(JsonWriter w, ActivationSummary a) {
        w.key("activations")
                .beginObject()
                .field("batch", a.batch())
                .field("layerOutputElements", a.layerOutputElements())
                .field("layerOutputBytes", a.layerOutputBytes())
                .field("peakLiveBytes", a.peakLiveBytes())
                .field("peakLiveBytesPerSample", a.peakLiveBytesPerSample())
                .field("peakAfterNode", a.peakAfterNode())
                .field("peakLiveFixedBytes", a.peakLive().fixedBytes())
                .field("peakLivePerSampleBytes", a.peakLive().perSampleBytes())
                .field("peakLiveBytesBeyondInputs", a.peakLiveBytesBeyondInputs())
                .field("complete", a.complete());
        writeRuntime(w, a.runtime(), "idealPeakLiveBytesBeyondInputs");
        w.endObject();
    }

    /** Present only under --runtime other than ideal: the runtime, the ideal figure and the terms between them. */
    private static void writeRuntime(JsonWriter w, RuntimeEstimate e, String idealField) {
        if (e == null) {
            return;
        }
        w.field("runtime", e.runtime()).field(idealField, e.idealBytes()).field("runtimePeakAt", e.peakAt());
        w.key("runtimeTerms").beginArray();
        for (RuntimeTerm t : e.terms()) {
            w.beginObject().field("term", t.key()).field("bytes", t.bytes()).endObject();
        }
        w.endArray();
    }

    /** Null unless --training; every field is defined in docs/memory.md. */
    private static void writeTraining(JsonWriter w, TrainingSummary t) {
        w.key("training");
        if (t == null) {
            w.nullValue();
            return;
        }
        w.beginObject()
                .field("batch", t.batch())
                .field("optimizer", t.optimizer())
                .field("optimizerSlots", t.optimizerSlots())
                .field("mixedPrecision", t.mixedPrecision())
                .field("trainableParameters", t.trainableParameters())
                .field("parametersBytes", t.parametersBytes())
                .field("masterWeightsBytes", t.masterWeightsBytes())
                .field("gradientsBytes", t.gradientsBytes())
                .field("optimizerStateBytes", t.optimizerStateBytes())
                .field("savedActivationsBytes", t.savedActivationsBytes())
                .field("savedActivationsFixedBytes", t.savedActivations().fixedBytes())
                .field("savedActivationsPerSampleBytes", t.savedActivations().perSampleBytes())
                .field("peakBytes", t.peakBytes())
                .field("peakFixedBytes", t.peak().fixedBytes())
                .field("peakPerSampleBytes", t.peak().perSampleBytes())
                .field("peakAt", TrainingSlots.describe(t.peakAt()))
                .field("firstStepPeakBytes", t.firstStepPeakBytes())
                .field("complete", t.complete());
        writeRuntime(w, t.runtime(), "idealFirstStepPeakBytes");
        w.endObject();
    }

    /** Present only for transformers whose files declare their shape; fields defined in docs/memory.md. */
    private static void writeKvCache(JsonWriter w, KvCacheSummary k) {
        TransformerShape s = k.shape();
        w.key("kvCache")
                .beginObject()
                .field("declaredBy", s.declaredBy())
                .field("architecture", s.architecture())
                .field("layers", s.layers())
                .field("hiddenSize", s.hiddenSize())
                .field("heads", s.heads())
                .field("kvHeads", s.kvHeads())
                .field("headDim", s.headDim())
                .field("vocabSize", s.vocabSize())
                .field("slidingWindowTokens", s.slidingWindowTokens())
                .field("cacheDType", s.cacheDType().shortName())
                .field("bytesPerToken", k.bytesPerToken())
                .field("batch", k.batch())
                .field("inActivations", k.inActivations());
        if (k.contextKnown()) {
            w.field("contextTokens", k.contextTokens())
                    .field("cachedTokens", k.cachedTokens())
                    .field("cacheBytes", k.cacheBytes())
                    .field("weightsBytes", k.weightsBytes())
                    .field("runBytes", k.runBytes());
        } else {
            w.key("contextTokens").nullValue();
            w.field("weightsBytes", k.weightsBytes());
        }
        w.endObject();
    }

    private static void writeConventions(JsonWriter w) {
        w.key("conventions")
                .beginObject()
                .field("parameters", Conventions.PARAMETERS)
                .field("macs", Conventions.MACS)
                .field("layerOutputElements", Conventions.LAYER_OUTPUT_ELEMENTS)
                .field("peakLiveBytes", Conventions.PEAK_LIVE_BYTES)
                .field("training", Conventions.TRAINING)
                .endObject();
    }

    private static void writeLedger(JsonWriter w, Report r) {
        w.key("ledger")
                .beginObject()
                .field("fileBytes", r.ledger().fileBytes())
                .field("externalBytes", r.ledger().externalBytes())
                .field("unexplainedBytes", r.ledger().unexplainedBytes())
                .field("missingBytes", r.ledger().missingBytes());
        w.key("externalFiles").beginObject();
        new TreeMap<>(r.ledger().externalFileBytes()).forEach((k, v) -> w.field(k, v.longValue()));
        w.endObject();
        w.key("entries").beginArray();
        for (LedgerEntry e : r.ledger().entries()) {
            w.beginObject()
                    .field("category", e.category().jsonName())
                    .field("detail", e.detail())
                    .field("bytes", e.bytes())
                    .field("count", e.count());
            if (e.storedDiffersFromLogical()) {
                w.field("logicalBytes", e.logicalBytes());
            }
            if (e.offsetBytes() >= 0) {
                w.field("offset", e.offsetBytes());
            }
            w.endObject();
        }
        w.endArray().endObject();
    }
}
