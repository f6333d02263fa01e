package dev.modelcost.core.analysis;

import dev.modelcost.core.analysis.runtime.RuntimeEstimator;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.KvCacheSummary;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.ModelSummary;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.ParameterUse;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.TrainingSummary;
import dev.modelcost.core.spi.ImportedModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Runs every analysis on an imported model and assembles the report. Reads the IR, never changes it. */
public final class ModelAnalysis {
    private final OpRegistry registry;

    public ModelAnalysis(OpRegistry registry) {
        this.registry = registry;
    }

    public Report analyze(ImportedModel model, Assumptions assumptions) {
        Graph g = model.graph();
        List<Diagnostic> diagnostics = new ArrayList<>(model.diagnostics());
        Set<String> givenDims = Set.copyOf(assumptions.dimValues().keySet());
        assumptions = BatchDimension.resolve(g, assumptions, diagnostics);
        ShapeBatch fileBatch = ShapeBatch.of(g, assumptions, diagnostics);
        assumptions = fileBatch.resolve(assumptions);
        Rebatching.Outcome rebatched = Rebatching.check(
                g, fileBatch, ShapeInference.run(g, assumptions, registry), assumptions, registry, diagnostics);
        g = rebatched.graph();
        fileBatch = rebatched.batch();
        InferredTypes types = rebatched
                .types()
                .withBatchIndependent(
                        BatchIndependence.of(g, rebatched.types(), assumptions, fileBatch.shapeSamples(), registry));
        ModelSymbols.check(g, givenDims, types.dataSymbols());
        Assumptions perShapes = fileBatch.perShapes(assumptions);
        diagnostics.addAll(types.diagnostics());
        Map<String, Tensor> tensors = new LinkedHashMap<>(ParameterRoles.resolve(g, registry));
        Map<String, Tensor> inAttributes = AttributeParameters.of(g, registry);
        inAttributes.forEach(tensors::putIfAbsent);
        ParameterSummary params = ParameterCount.of(tensors.values(), diagnostics)
                .withInAttributesLogicalBytes(ParameterCount.of(inAttributes.values(), new ArrayList<>())
                        .logicalBytes());
        ActivationAnalysis.Result activations = ActivationAnalysis.run(g, types, registry, perShapes);

        MacCount.Result macs = MacCount.of(GraphInference.of(g, registry, types));
        macs.cannotTell().forEach(m -> diagnostics.add(Diagnostic.warning(m)));
        List<LayerRow> rows = new ArrayList<>();
        long[] live = activations.liveBytesAfterStep();
        List<Node> order = types.schedule().all();
        ParameterAttribution attribution = new ParameterAttribution(g, tensors, registry, order);
        for (int step = 0; step < order.size(); step++) {
            Node n = order.get(step);
            OptionalLong nodeMacs = macs.perStepMacs().get(step);
            List<ParameterUse> uses = attribution.of(n);
            TensorType out = n.outputs().isEmpty()
                    ? TensorType.UNKNOWN
                    : types.typeOf(n.outputs().get(0));
            ActivationAnalysis.Allocated alloc = activations.perNode().get(n);
            rows.add(new LayerRow(
                    n.label(),
                    n.opType(),
                    out,
                    alloc == null ? 0 : fileBatch.perSample(alloc.elements()),
                    alloc == null || alloc.shapesKnown(),
                    uses,
                    nodeMacs.isPresent() ? fileBatch.perSample(nodeMacs.getAsLong()) : null,
                    live[step],
                    attribution.isNoOp(n)));
        }
        List<Tensor> unattributed = tensors.values().stream()
                .filter(t -> t.declaredRole().isParameter()
                        && !attribution.isCounted(t.name())
                        && t.elementCount().orElse(0) > 0)
                .toList();
        if (!unattributed.isEmpty()) {
            // Without a graph, the tensors are the model: a row per module. With one, they are leftovers: one row.
            if (g.nodes().isEmpty()) {
                rows.addAll(StoredTensorGroups.byModule(unattributed));
            } else {
                rows.add(StoredTensorGroups.oneRow("(stored, used by no node of the main graph)", unattributed));
            }
        }
        boolean macsComplete = macs.complete();
        if (g.nodes().isEmpty() && params.total() > 0) {
            // Weights without an architecture (a weights-only file): what they compute is not in the file.
            macsComplete = false;
            diagnostics.add(
                    Diagnostic.warning("the file stores parameters but no graph that uses them: MACs are unknown"));
        } else if (!macsComplete) {
            diagnostics.add(Diagnostic.warning("MACs of some nodes are unknown; the total is a lower bound"));
        }
        List<ValueInfo> outputs = g.outputs().stream()
                .map(v -> v.withType(types.typeOf(v.name())))
                .toList();
        List<ValueInfo> inputs = fileBatch.inputsAsInferred(g, types, assumptions);
        List<Tensor> stored = storedTensors(g, tensors);
        DuplicateTensors.Result duplicates = DuplicateTensors.find(model.payloads(), stored);
        diagnostics.addAll(duplicates.diagnostics());
        Ledger ledger = LedgerBuilder.build(model, stored, duplicates);
        ActivationSummary act = fileBatch.rescale(activations.summary());
        if (g.nodes().isEmpty() && params.total() > 0) {
            act = act.asLowerBound(); // no graph: what the weights compute, and so its activations, is not in the file
        } else if (assumptions.runtime() != RuntimeProfile.IDEAL) {
            act = act.withRuntime(
                    RuntimeEstimator.inference(g, types, registry, perShapes, act.peakLiveBytesBeyondInputs()));
        }
        TrainingSummary training = null;
        if (assumptions.training() != null) {
            training = RuntimeEstimator.training(
                    g,
                    types,
                    registry,
                    tensors,
                    assumptions,
                    perShapes,
                    TrainingMemory.run(g, types, registry, tensors, perShapes));
            training = fileBatch.rescale(training);
            if (assumptions.runtime() == RuntimeProfile.ONNXRUNTIME) {
                diagnostics.add(Diagnostic.info(
                        "the onnxruntime profile predicts inference; the training step is the ideal estimate"));
            }
        }
        TransformerShape decoder = model.architecture() != null ? model.architecture() : KvCache.of(g, types);
        KvCacheSummary kvCache = decoder == null
                ? null
                : KvCacheMemory.of(
                        decoder,
                        ledger,
                        assumptions.batch(),
                        assumptions.contextTokens(),
                        model.architecture() == null);
        return new Report(
                new ModelSummary(model.format(), model.location(), model.fileBytes(), model.metadata()),
                assumptions,
                inputs,
                outputs,
                params,
                act,
                fileBatch.perSample(macs.totalMacs()),
                macsComplete,
                rows,
                ledger,
                diagnostics,
                training,
                kvCache,
                fileBatch.shapeSamples());
    }

    /**
     * Every stored tensor of the graph and its subgraphs, each with the role resolved for its name: the ledger needs
     * each payload, also where two subgraphs store tensors of the same name.
     */
    private static List<Tensor> storedTensors(Graph root, Map<String, Tensor> resolved) {
        List<Tensor> out = new ArrayList<>();
        for (Graph sub : GraphWalk.allGraphs(root)) {
            for (Tensor t : sub.tensors().values()) {
                Tensor r = resolved.get(t.name());
                out.add(r == null ? t : t.withRole(r.declaredRole(), r.declaredTrainable()));
            }
        }
        return out;
    }
}
