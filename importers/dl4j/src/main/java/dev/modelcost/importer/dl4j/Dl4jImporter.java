package dev.modelcost.importer.dl4j;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.io.zip.ZipEntryData;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelImporter;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads DeepLearning4J {@code ModelSerializer} files (a zip of configuration.json, coefficients.bin and
 * optionally updaterState.bin, normalizer.bin, preprocessor.bin). The configuration is parsed with DL4J's
 * own classes; of the two arrays only the headers are inflated. No ND4J backend is needed.
 */
public final class Dl4jImporter implements ModelImporter {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER = "updaterState.bin";
    /** configuration.json larger than this is refused as malformed. */
    static final int MAX_CONFIG_BYTES = 64 * 1024 * 1024;

    @Override
    public String format() {
        return "dl4j";
    }

    /**
     * ModelSerializer writes configuration.json first: the archive is told by its first local header, so one cut
     * before its central directory is still recognized, and answered as damaged.
     */
    @Override
    public boolean recognizes(String fileName, byte[] head) {
        return CONFIGURATION.equals(ZipArchive.firstEntryName(head));
    }

    @Override
    public ImportedModel read(ModelSource ch, ImportOptions options) throws IOException {
        String file = ch.location();
        ZipArchive zip = ZipArchive.read(ch);
        ZipArchive.Entry configEntry = zip.entry(CONFIGURATION);
        if (configEntry == null) {
            throw new MalformedModelException(file, "", "no " + CONFIGURATION + " in the archive: not a DL4J model");
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        int limit = (int) Math.min(MAX_CONFIG_BYTES, Math.max(1, options.maxMetadataBytes()));
        String json = new String(ZipEntryData.whole(zip, configEntry, limit), StandardCharsets.UTF_8);

        Nd4jHeader coefficients = header(zip, zip.entry(COEFFICIENTS), COEFFICIENTS, diagnostics);
        Nd4jHeader updater = header(zip, zip.entry(UPDATER), UPDATER, diagnostics);
        if (zip.entry(COEFFICIENTS) == null) {
            diagnostics.add(Diagnostic.warning(
                    "no " + COEFFICIENTS + " in the archive: parameter counts come from the configuration alone"));
        }

        boolean graphConfig = json.contains("\"vertices\"");
        Object parsed = null;
        try {
            parsed =
                    graphConfig ? ComputationGraphConfiguration.fromJson(json) : MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            String err = Dl4jTypes.firstLine(e);
            metadata.put("dl4j.configError", err);
            diagnostics.add(Diagnostic.warning(
                    "DL4J cannot parse " + CONFIGURATION + " as a whole (" + err + "); reading it layer by layer"));
        }
        metadata.put("dl4j.kind", graphConfig ? "ComputationGraph" : "MultiLayerNetwork");

        DType paramType = coefficients != null && coefficients.dtype() != DType.UNKNOWN
                ? coefficients.dtype()
                : configDType(parsed, DType.FLOAT32);
        DType activationType = configDType(parsed, paramType);
        int width = Math.max(1, paramType.hasFixedWidth() ? paramType.bits() / 8 : 4);
        long headerBytes = coefficients == null ? 0 : coefficients.headerBytes();
        GraphBuilder.StorageFn storage =
                (off, n) -> new Storage(Storage.MODEL_FILE, headerBytes + off * width, 0, Storage.Encoding.COMPRESSED);
        long length = coefficients == null ? 0 : coefficients.length();
        Walk walk = walk(
                file,
                json,
                graphConfig,
                parsed,
                length,
                () -> new GraphBuilder(paramType, activationType, storage),
                diagnostics);
        GraphBuilder builder = walk.builder();
        NetworkReader reader = walk.reader();
        if (!reader.unknownClasses().isEmpty()) {
            metadata.put("dl4j.unknownLayerClasses", String.join(", ", new LinkedHashSet<>(reader.unknownClasses())));
        }
        reconcile(builder, reader, coefficients, diagnostics);
        Graph graph = builder.build(ch.fileName());
        if (graph.nodes().size() > options.maxNodes()) {
            throw new MalformedModelException(
                    file, CONFIGURATION, graph.nodes().size() + " layers, over the limit of " + options.maxNodes());
        }
        ZipArchive.Entry coeffEntry = zip.entry(COEFFICIENTS);
        boolean rawPayload = coeffEntry != null
                && coeffEntry.stored()
                && coefficients != null
                && coefficients.elementBytes() > 0
                && coefficients.dtype() == paramType
                && builder.parameterElements() == coefficients.length()
                && coefficients.expectedEntryBytes() <= coeffEntry.compressedBytes();
        if (rawPayload) {
            graph = withRawStorage(graph, coeffEntry.dataOffset());
        }
        List<dev.modelcost.core.spi.FileSection> sections = ZipLedger.sections(
                zip, coefficients, updater, rawPayload, graph.tensors().size());
        describe(metadata, diagnostics, zip, coefficients, updater, reader);
        return new ImportedModel(format(), ch, graph, sections, metadata, diagnostics);
    }

    private record Walk(GraphBuilder builder, NetworkReader reader) {}

    /**
     * Walks the configuration DL4J parsed; where DL4J could not parse it, or its classes fail on it, walks it
     * layer by layer from the JSON tree. Only a configuration unreadable either way is malformed.
     */
    private static Walk walk(
            String file,
            String json,
            boolean graphConfig,
            Object parsed,
            long coefficients,
            Supplier<GraphBuilder> fresh,
            List<Diagnostic> diagnostics) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        List<Diagnostic> found = new ArrayList<>();
        GraphBuilder builder = fresh.get();
        NetworkReader reader = new NetworkReader(builder, found);
        try {
            if (parsed instanceof MultiLayerConfiguration m) {
                reader.multiLayer(m);
            } else if (parsed instanceof ComputationGraphConfiguration c) {
                reader.graph(c);
            } else {
                walkRaw(file, mapper, json, graphConfig, reader, coefficients);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            if (parsed == null) {
                throw new MalformedModelException(
                        file, CONFIGURATION, "cannot read the configuration: " + Dl4jTypes.firstLine(e), e);
            }
            diagnostics.add(Diagnostic.warning("DL4J's configuration classes fail on this network ("
                    + Dl4jTypes.firstLine(e) + "); reading it layer by layer"));
            found.clear();
            builder = fresh.get();
            reader = new NetworkReader(builder, found);
            try {
                walkRaw(file, mapper, json, graphConfig, reader, coefficients);
            } catch (RuntimeException | LinkageError | StackOverflowError e2) {
                throw new MalformedModelException(
                        file, CONFIGURATION, "cannot read the configuration: " + Dl4jTypes.firstLine(e2), e2);
            }
        }
        diagnostics.addAll(found);
        return new Walk(builder, reader);
    }

    private static Nd4jHeader header(ZipArchive zip, ZipArchive.Entry e, String what, List<Diagnostic> diagnostics)
            throws IOException {
        if (e == null) {
            return null;
        }
        byte[] head = ZipEntryData.head(zip, e, Nd4jHeader.MAX_HEADER_BYTES);
        try {
            Nd4jHeader h = Nd4jHeader.parse(head);
            if (h.elementBytes() > 0 && h.expectedEntryBytes() != e.uncompressedBytes()) {
                diagnostics.add(Diagnostic.warning(what + ": header says " + h.length() + " " + h.dataType()
                        + " values (" + h.expectedEntryBytes() + " bytes with the header) but the entry inflates to "
                        + e.uncompressedBytes() + " bytes"));
            }
            return h;
        } catch (Nd4jHeader.FormatException ex) {
            diagnostics.add(Diagnostic.warning(what + ": unreadable ND4J header (" + ex.getMessage() + ")"));
            return null;
        }
    }

    private static void walkRaw(
            String file,
            ObjectMapper mapper,
            String json,
            boolean graphConfig,
            NetworkReader reader,
            long coefficients) {
        JsonNode root = readTree(file, mapper, json);
        if (graphConfig) {
            reader.rawGraph(root, mapper);
        } else {
            reader.rawMultiLayer(root, mapper, coefficients);
        }
    }

    private static JsonNode readTree(String file, ObjectMapper mapper, String json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw new MalformedModelException(file, CONFIGURATION, "not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new MalformedModelException(file, CONFIGURATION, "not valid JSON: " + Dl4jTypes.firstLine(e), e);
        } catch (StackOverflowError e) {
            throw new MalformedModelException(file, CONFIGURATION, "JSON nested too deeply");
        }
    }

    private static DType configDType(Object parsed, DType fallback) {
        org.nd4j.linalg.api.buffer.DataType t = null;
        if (parsed instanceof MultiLayerConfiguration m) {
            t = m.getDataType();
        } else if (parsed instanceof ComputationGraphConfiguration c) {
            t = c.getDataType();
        }
        DType d = t == null ? DType.UNKNOWN : Nd4jHeader.dtypeOf(t.name());
        return d == DType.UNKNOWN ? fallback : d;
    }

    /** The header's length is the authority: the configuration's layers must add up to it. */
    private static void reconcile(
            GraphBuilder b, NetworkReader reader, Nd4jHeader coefficients, List<Diagnostic> diagnostics) {
        if (coefficients == null) {
            return;
        }
        long fromConfig = b.parameterElements();
        long stored = coefficients.length();
        if (fromConfig < stored) {
            long missing = stored - fromConfig;
            b.unattributed("(parameters not in the configuration)", missing);
            diagnostics.add(Diagnostic.warning(
                    "the configuration's layers account for " + fromConfig + " parameters but " + COEFFICIENTS
                            + " holds " + stored + "; the other " + missing + " are counted unattributed"));
        } else if (fromConfig > stored) {
            diagnostics.add(Diagnostic.warning("the configuration's layers add up to " + fromConfig + " parameters but "
                    + COEFFICIENTS + " holds only " + stored + " (the header's count is the authority)"));
        }
    }

    private static Graph withRawStorage(Graph g, long dataOffset) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Tensor t : g.tensors().values()) {
            Storage s = t.storage();
            long bytes = t.logicalBytes().orElse(0);
            out.put(
                    t.name(),
                    new Tensor(
                            t.name(),
                            t.dtype(),
                            t.shape(),
                            t.declaredRole(),
                            t.declaredTrainable(),
                            new Storage(Storage.MODEL_FILE, dataOffset + s.offsetBytes(), bytes, Storage.Encoding.RAW),
                            t.values()));
        }
        return new Graph(g.name(), g.nodes(), g.inputs(), g.outputs(), out, g.declaredValues(), g.opsets());
    }

    private static void describe(
            Map<String, String> metadata,
            List<Diagnostic> diagnostics,
            ZipArchive zip,
            Nd4jHeader coefficients,
            Nd4jHeader updater,
            NetworkReader reader) {
        StringBuilder entries = new StringBuilder();
        for (ZipArchive.Entry e : zip.entries()) {
            entries.append(entries.length() == 0 ? "" : ", ")
                    .append(e.name())
                    .append(' ')
                    .append(e.uncompressedBytes())
                    .append('/')
                    .append(e.compressedBytes());
        }
        metadata.put("dl4j.entries", entries.toString());
        if (coefficients != null) {
            metadata.put("dl4j.coefficients.format", coefficients.format());
            metadata.put("dl4j.coefficients.dtype", coefficients.dataType());
            metadata.put("dl4j.coefficients.length", Long.toString(coefficients.length()));
        }
        Set<String> updaters =
                new LinkedHashSet<>(reader.updaters().layerUpdaters().values());
        if (!updaters.isEmpty()) {
            metadata.put("dl4j.updater", String.join(", ", updaters));
            StringBuilder per = new StringBuilder();
            reader.updaters().layerUpdaters().forEach((k, v) -> per.append(per.length() == 0 ? "" : ", ")
                    .append(k)
                    .append('=')
                    .append(v));
            metadata.put("dl4j.updater.byLayer", per.toString());
            StringBuilder slots = new StringBuilder();
            reader.updaters().slotsByUpdater().forEach((k, v) -> slots.append(slots.length() == 0 ? "" : ", ")
                    .append(k)
                    .append('=')
                    .append(v));
            metadata.put("dl4j.updater.slotsPerParameterByUpdater", slots.toString());
        }
        for (String extra : new String[] {"normalizer.bin", "preprocessor.bin", "noParams.marker"}) {
            ZipArchive.Entry e = zip.entry(extra);
            if (e != null) {
                metadata.put("dl4j." + extra, e.uncompressedBytes() + " bytes");
            }
        }
        long expected = reader.updaters().expectedStateElements();
        if (expected >= 0) {
            metadata.put("dl4j.updater.expectedStateLength", Long.toString(expected));
        }
        if (updater == null) {
            return;
        }
        metadata.put("dl4j.updaterState.format", updater.format());
        metadata.put("dl4j.updaterState.dtype", updater.dataType());
        metadata.put("dl4j.updaterState.length", Long.toString(updater.length()));
        long bytes = updater.dtype().bytesFor(updater.length()).orElse(0);
        metadata.put("dl4j.updaterState.logicalBytes", Long.toString(bytes));
        String slots =
                coefficients != null && coefficients.length() > 0 && updater.length() % coefficients.length() == 0
                        ? ", " + updater.length() / coefficients.length() + " per parameter"
                        : "";
        if (coefficients != null && coefficients.length() > 0 && updater.length() % coefficients.length() == 0) {
            metadata.put("dl4j.updater.slotsPerParameter", Long.toString(updater.length() / coefficients.length()));
        }
        diagnostics.add(Diagnostic.info("optimizer state (" + UPDATER + "): " + updater.length() + " "
                + updater.dataType() + " values" + slots + ", " + bytes + " bytes"
                + (updaters.isEmpty() ? "" : " for updater(s) " + String.join(", ", updaters))));
        if (expected >= 0 && expected != updater.length()) {
            diagnostics.add(Diagnostic.warning("the configuration's updaters need " + expected + " state values but "
                    + UPDATER + " holds " + updater.length()));
        }
    }
}
