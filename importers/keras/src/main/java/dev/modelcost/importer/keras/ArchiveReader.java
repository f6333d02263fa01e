package dev.modelcost.importer.keras;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.io.zip.ZipEntryData;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.UnsupportedModelException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Keras 3 {@code .keras} archive, read in stages: the zip directory, the configuration (config.json, and the
 * Keras version from metadata.json), the weights file (model.weights.h5, stored, opened in place through a window
 * of the archive), then the ledger of the weights file's HDF5 structures and of the archive's own structures.
 */
final class ArchiveReader {
    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";

    private final ModelSource source;
    private final String file;
    private final ImportOptions options;
    private final ZipArchive zip;
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final GraphAssembler asm = new GraphAssembler();

    private ArchiveReader(ModelSource source, ImportOptions options, ZipArchive zip) {
        this.source = source;
        this.file = source.location();
        this.options = options;
        this.zip = zip;
    }

    static ImportedModel read(ModelSource source, ImportOptions options) throws IOException {
        return new ArchiveReader(source, options, ZipArchive.read(source)).read();
    }

    private ImportedModel read() throws IOException {
        ZipArchive.Entry weights = weightsEntry();
        Object cfgJson = configuration();
        Topology topo = KerasImporter.topology(file, cfgJson, options);
        notePickledObjects();
        long[] attributes = readWeights(weights, topo);
        ledgerOfWeights(weights, attributes);
        ledgerOfArchive(weights);
        KerasImporter.optimizerMetadata(asm, meta);
        Graph g = asm.build(JsonValues.str(KerasObject.config(cfgJson), "name", ""), topo);
        return KerasImporter.model(source, g, asm, meta);
    }

    /** The weights entry, which Keras stores uncompressed; archives without a configuration are no Keras model. */
    private ZipArchive.Entry weightsEntry() {
        if (zip.entry(CONFIG) == null) {
            throw new UnsupportedModelException(
                    file, "zip", "a zip archive without config.json is not a Keras 3 model");
        }
        ZipArchive.Entry weights = zip.entry(WEIGHTS);
        if (weights == null) {
            throw new UnsupportedModelException(
                    file,
                    "zip",
                    zip.entry("model.weights.npz") != null
                            ? "weights stored as model.weights.npz are not supported"
                            : "archive has no model.weights.h5");
        }
        if (!weights.stored()) {
            throw new UnsupportedModelException(
                    file,
                    WEIGHTS,
                    "the weights entry is compressed (method " + weights.method()
                            + "); only stored (uncompressed) archives, as Keras writes them, are read in place");
        }
        return weights;
    }

    /** config.json parsed, with the model class, optimizer and Keras version noted in the metadata. */
    private Object configuration() throws IOException {
        meta.put("keras.layout", "keras-v3-archive");
        Object cfgJson = KerasImporter.parseJson(file, CONFIG, entryText(zip.entry(CONFIG)), options);
        meta.put("keras.modelClass", KerasObject.className(cfgJson));
        Object opt =
                JsonValues.map(JsonValues.map(cfgJson).get("compile_config")).get("optimizer");
        if (opt instanceof String s) {
            meta.put("keras.optimizer", s);
        } else if (JsonValues.isMap(opt)) {
            JsonValues.str(JsonValues.map(opt), "class_name").ifPresent(c -> meta.put("keras.optimizer", c));
        }
        ZipArchive.Entry metadata = zip.entry(METADATA);
        if (metadata != null) {
            Object m = KerasImporter.parseJson(file, METADATA, entryText(metadata), options);
            JsonValues.str(JsonValues.map(m), "keras_version").ifPresent(v -> meta.put("keras.version", v));
        }
        return cfgJson;
    }

    private String entryText(ZipArchive.Entry e) throws IOException {
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, options.maxMetadataBytes());
        return new String(ZipEntryData.whole(zip, e, limit), StandardCharsets.UTF_8);
    }

    private void notePickledObjects() {
        List<String> pickled = new ArrayList<>();
        for (ZipArchive.Entry e : zip.entries()) {
            String n = e.name().toLowerCase(Locale.ROOT);
            if (n.endsWith(".pkl") || n.endsWith(".pickle") || n.endsWith(".joblib")) {
                pickled.add(e.name() + " (" + e.uncompressedBytes() + " bytes)");
            }
        }
        if (!pickled.isEmpty()) {
            asm.diagnose("archive holds pickled Python objects " + pickled
                    + "; modelcost reports them and never unpickles or runs them");
        }
    }

    /** Walks model.weights.h5 in place; returns the bytes and count of its attribute payloads. */
    private long[] readWeights(ZipArchive.Entry weights, Topology topo) throws IOException {
        SliceChannel window = SliceChannel.strict(source, weights.dataOffset(), weights.compressedBytes());
        return KerasImporter.readHdf5(file, WEIGHTS, window, h -> {
            ArchiveLayout.read(file, h, weights.dataOffset(), topo, asm, options);
            return new H5Walker(options.maxNodes(), options.maxTensorRank())
                    .attributePayload(h, options.maxMetadataBytes());
        });
    }

    /** The HDF5 structures of model.weights.h5, structure by structure, or split coarsely where they cannot be walked. */
    private void ledgerOfWeights(ZipArchive.Entry weights, long[] attributes) {
        asm.closeDatasetSections(
                "optimizer variables (optimizer/ in model.weights.h5)",
                "metric variables (metrics/ in model.weights.h5)");
        H5Ledger structures = H5Ledger.of(
                SliceChannel.of(source),
                weights.dataOffset(),
                weights.compressedBytes(),
                asm.datasetBytes(),
                options.maxMetadataBytes(),
                options.maxNodes());
        if (structures.sections() != null) {
            structures
                    .sections()
                    .forEach(s -> asm.section(new FileSection(
                            s.category(),
                            s.detail() + " (model.weights.h5)",
                            s.file(),
                            s.offsetBytes(),
                            s.bytes(),
                            s.count())));
            structures.diagnostics().forEach(asm::diagnose);
            return;
        }
        asm.diagnose(structures.fallbackReason()
                + "; model.weights.h5 metadata is split only into attribute payloads and the rest");
        if (attributes[0] > 0) {
            asm.section(new FileSection(
                    LedgerCategory.CONTAINER_OVERHEAD,
                    "HDF5 attribute payloads of model.weights.h5 (layer and optimizer names)",
                    "",
                    -1,
                    attributes[0],
                    attributes[1]));
        }
        long h5Overhead = weights.compressedBytes() - asm.datasetBytes() - attributes[0];
        asm.section(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "HDF5 metadata of model.weights.h5 (superblock, object headers, B-trees, heaps)",
                "",
                -1,
                Math.max(0, h5Overhead),
                1));
        if (h5Overhead < 0) {
            asm.diagnose("model.weights.h5 datasets claim " + (-h5Overhead) + " bytes more than the entry holds");
        }
    }

    /** The other entries' data, and the zip structures around all entries. */
    private void ledgerOfArchive(ZipArchive.Entry weights) {
        for (ZipArchive.Entry e : zip.entries()) {
            if (e == weights) {
                continue;
            }
            boolean config = e.name().equals(CONFIG) || e.name().equals(METADATA);
            asm.section(new FileSection(
                    config ? LedgerCategory.GRAPH_AND_CONFIG : LedgerCategory.CONTAINER_OVERHEAD,
                    "archive entry " + e.name(),
                    "",
                    e.dataOffset(),
                    e.compressedBytes(),
                    1));
        }
        List<String> overlaps = new ArrayList<>();
        ArchiveLedger.sections(zip, overlaps).forEach(asm::section);
        for (String o : overlaps.subList(0, Math.min(5, overlaps.size()))) {
            asm.diagnose("zip structures overlap: " + o);
        }
    }
}
