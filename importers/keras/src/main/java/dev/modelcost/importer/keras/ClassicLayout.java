package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keras HDF5 files: full models ({@code model_config} + {@code model_weights/} + optional
 * {@code optimizer_weights/} and {@code training_config}) and weights-only files (layer groups at the root),
 * from Keras 1 to Keras 3's legacy h5. Also the weights file inside a {@code .keras} archive delegates its
 * byte accounting to the same rules.
 */
final class ClassicLayout {
    private ClassicLayout() {}

    record Result(Graph graph, GraphAssembler assembler, Map<String, String> metadata) {}

    static Result read(
            String file,
            SeekableByteChannel ch,
            io.jhdf.HdfFile root,
            long h5Bytes,
            ImportOptions options,
            Map<String, String> meta) {
        long base = root.getUserBlockSize();
        GraphAssembler asm = new GraphAssembler();
        Optional<String> modelConfig = H5Walker.stringAttr(root, "model_config", options.maxMetadataBytes());
        Optional<String> trainingConfig = H5Walker.stringAttr(root, "training_config", options.maxMetadataBytes());
        H5Walker.stringAttr(root, "keras_version").ifPresent(v -> meta.put("keras.version", v));
        H5Walker.stringAttr(root, "backend").ifPresent(v -> meta.put("keras.backend", v));
        Node mw = root.getChildren().get("model_weights");
        boolean full = mw instanceof Group;
        // model.save_weights("x.weights.h5") in Keras 3: the layout of a .keras archive's weights, without a config
        boolean keras3Weights =
                !full && modelConfig.isEmpty() && ArchiveLayout.isKeras3Weights(root, options.maxNodes());
        meta.put("keras.layout", full ? "full-model" : keras3Weights ? "keras3-weights-h5" : "weights-only");

        Topology topo = null;
        Object cfgJson = null;
        if (modelConfig.isPresent()) {
            cfgJson = KerasImporter.parseJson(file, "model_config attribute", modelConfig.get(), options);
            topo = KerasImporter.topology(file, cfgJson, options);
            meta.put("keras.modelClass", KerasObject.className(cfgJson));
        } else if (full) {
            asm.diagnose("model_weights/ without a model_config attribute: parameters are counted from dataset names");
        }
        if (topo == null) {
            asm.diagnose(
                    "weights-only file (no model_config): parameters and the byte ledger are reported without shapes or MACs");
        }
        trainingConfig.ifPresent(tc -> {
            Object t = KerasImporter.parseJson(file, "training_config attribute", tc, options);
            Object opt = JsonValues.map(t).get("optimizer_config");
            JsonValues.str(JsonValues.map(opt), "class_name").ifPresent(c -> meta.put("keras.optimizer", c));
        });

        H5Walker walker = new H5Walker(options.maxNodes(), options.maxTensorRank());
        if (keras3Weights) {
            ArchiveLayout.read(file, root, base, null, asm, options);
            asm.closeDatasetSections("optimizer variables (optimizer/)", "metric variables (metrics/)");
        } else {
            List<H5Dataset> all = walker.datasets(root);
            addDatasets(all, full, base, topo, asm);
            checkWeightNames(full ? (Group) mw : root, full ? "model_weights/" : "", all, asm);
            asm.closeDatasetSections(
                    "optimizer_weights datasets", "datasets outside model_weights and optimizer_weights");
        }
        H5Ledger structures =
                H5Ledger.of(ch, 0, h5Bytes, asm.datasetBytes(), options.maxMetadataBytes(), options.maxNodes());
        if (structures.sections() != null) {
            structures.sections().forEach(asm::section);
            structures.diagnostics().forEach(asm::diagnose);
        } else {
            asm.diagnose(
                    structures.fallbackReason() + "; HDF5 metadata is split only into attribute payloads and the rest");
            coarseSections(root, h5Bytes, modelConfig, trainingConfig, walker, asm, options);
        }
        KerasImporter.optimizerMetadata(asm, meta);
        String name = topo == null ? "" : JsonValues.str(KerasObject.config(cfgJson), "name", "");
        return new Result(asm.build(name, topo), asm, meta);
    }

    /** Weights under model_weights/ (or the root of a weights-only file), optimizer_weights/, and anything else. */
    private static void addDatasets(List<H5Dataset> all, boolean full, long base, Topology topo, GraphAssembler asm) {
        int unowned = 0;
        LayerOwners owners = topo == null ? null : new LayerOwners(topo);
        for (H5Dataset d : all) {
            String top = d.path().contains("/") ? d.path().substring(0, d.path().indexOf('/')) : d.path();
            if (top.equals("optimizer_weights")) {
                asm.addOptimizer(d);
            } else if (full && !top.equals("model_weights")) {
                asm.addOther(d);
            } else {
                String rel = full ? d.path().substring("model_weights/".length()) : d.path();
                Topology.Layer owner = owners == null ? null : owners.ownerOf(rel);
                if (topo != null && owner == null) {
                    unowned++;
                }
                String cls = owner == null ? null : owner.className();
                TensorRole role = WeightRoles.of(cls, d.baseName());
                Boolean trainable = owner == null ? null : owner.trainable() && !WeightRoles.isState(cls, d.baseName());
                asm.addWeight(d, base, rel, role, trainable, owner == null ? null : owner.qualifiedName());
            }
        }
        if (unowned > 0) {
            asm.diagnose(unowned
                    + " weight dataset(s) belong to no layer of model_config; counted by the roles their names imply");
        }
    }

    /** The split used before the structure walker, kept for files it does not read (superblock v2/v3, new-style groups). */
    private static void coarseSections(
            io.jhdf.HdfFile root,
            long h5Bytes,
            Optional<String> modelConfig,
            Optional<String> trainingConfig,
            H5Walker walker,
            GraphAssembler asm,
            ImportOptions options) {
        long configBytes = 0;
        if (modelConfig.isPresent()) {
            long b = modelConfig.get().getBytes(StandardCharsets.UTF_8).length;
            asm.section(FileSection.of(LedgerCategory.GRAPH_AND_CONFIG, "model_config attribute (JSON)", b));
            configBytes += b;
        }
        if (trainingConfig.isPresent()) {
            long b = trainingConfig.get().getBytes(StandardCharsets.UTF_8).length;
            asm.section(FileSection.of(LedgerCategory.GRAPH_AND_CONFIG, "training_config attribute (JSON)", b));
            configBytes += b;
        }
        long[] attrs = walker.attributePayload(root, options.maxMetadataBytes());
        long otherAttrBytes = attrs[0] - configBytes;
        if (otherAttrBytes > 0) {
            asm.section(new FileSection(
                    LedgerCategory.CONTAINER_OVERHEAD,
                    "HDF5 attribute payloads (layer_names, weight_names, versions)",
                    "",
                    -1,
                    otherAttrBytes,
                    attrs[1] - (modelConfig.isPresent() ? 1 : 0) - (trainingConfig.isPresent() ? 1 : 0)));
        }
        long overhead = h5Bytes - asm.datasetBytes() - Math.max(attrs[0], configBytes);
        if (overhead < 0) {
            asm.diagnose("HDF5 datasets and attributes claim " + (-overhead) + " bytes more than the file holds");
        }
        asm.section(FileSection.of(
                LedgerCategory.CONTAINER_OVERHEAD,
                "HDF5 metadata (superblock, object headers, B-trees, heaps)",
                Math.max(0, overhead)));
    }

    /**
     * Compares the {@code layer_names}/{@code weight_names} attributes with the datasets present: names that
     * point nowhere and datasets no name points to are reported (all datasets present are counted either way).
     */
    private static void checkWeightNames(Group weightsRoot, String prefix, List<H5Dataset> all, GraphAssembler asm) {
        Optional<List<String>> layerNames = H5Walker.stringListAttr(weightsRoot, "layer_names");
        if (layerNames.isEmpty()) {
            return;
        }
        Set<String> named = new HashSet<>();
        for (String layer : layerNames.get()) {
            Node g = weightsRoot.getChildren().get(layer);
            if (g != null) {
                H5Walker.stringListAttr(g, "weight_names")
                        .ifPresent(ws -> ws.forEach(w -> named.add(prefix + layer + "/" + w)));
            }
        }
        Set<String> present = new HashSet<>();
        for (H5Dataset d : all) {
            if (d.path().startsWith(prefix) && !d.path().startsWith("optimizer_weights/")) {
                present.add(d.path());
            }
        }
        long missing = named.stream().filter(n -> !present.contains(n)).count();
        long unnamed = present.stream().filter(p -> !named.contains(p)).count();
        if (missing > 0) {
            asm.diagnose(missing + " weight(s) listed in weight_names have no dataset");
        }
        if (unnamed > 0) {
            asm.diagnose(unnamed + " weight dataset(s) are not listed in any layer's weight_names; they are counted");
        }
    }
}
