package dev.modelcost.onnx;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.AttributeParameters;
import dev.modelcost.core.analysis.ParameterRoles;
import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte ledger of every ONNX file of the shared corpus: its entries add up to the bytes on disk, the payload
 * entries equal the truth's initializer and Constant-node bytes (onnx 1.12 / numpy), parameters plus constants
 * equal the truth's stored elements, and the structure ledger
 * agrees with protobuf's own parser about the same file (serialized sizes and an independent count of framing).
 */
class OnnxLedgerTest {
    private static final int CORPUS_ONNX_FILES = 7;

    static List<Path> corpusModels() throws Exception {
        Path root = Corpus.root().resolve("onnx");
        List<Path> models;
        try (Stream<Path> s = Files.walk(root)) {
            models = s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
        }
        assertTrue(models.size() >= CORPUS_ONNX_FILES, "corpus ONNX files discovered: " + models);
        return models;
    }

    @Test
    void everyCorpusFileIsExplainedToTheByteAndItsPayloadsMatchTheTruth() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Path m : corpusModels()) {
            OnnxTruth truth = OnnxTruth.of(m);
            Report r = ModelCost.standard().inspect(m);
            long sum = r.ledger().entries().stream()
                    .filter(e -> e.category() != LedgerCategory.MISSING_EXTERNAL_DATA)
                    .mapToLong(LedgerEntry::bytes)
                    .sum(); // bytes a missing file should hold are not on disk
            long onDisk = truth.fileBytes() + truth.externalBytes();
            long payloads = r.ledger().bytesIn(LedgerCategory.PARAMETERS)
                    + r.ledger().bytesIn(LedgerCategory.CONSTANTS)
                    + r.ledger().bytesIn(LedgerCategory.DUPLICATES);
            long stored = r.parameters().total()
                    + r.parameters().constantElements()
                    - packedLogicalExcess(m)
                    - attributeElements(m);
            if (sum != onDisk
                    || r.ledger().unexplainedBytes() != 0
                    || payloads != truth.payloadBytes()
                    || stored != truth.storedElements()) {
                failures.add(m.getFileName() + ": entries " + sum + " vs on disk " + onDisk + ", unexplained "
                        + r.ledger().unexplainedBytes() + ", payloads " + payloads + " vs truth " + truth.payloadBytes()
                        + ", stored elements " + stored + " vs truth " + truth.storedElements());
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * Block-packed weights (MatMulNBits) count their logical elements as parameters, where the truth counts the
     * stored uint8 elements: the logical elements less the packed bytes.
     */
    private static long packedLogicalExcess(Path m) throws Exception {
        long excess = 0;
        try (FileSource s = FileSource.open(m)) {
            var model = ModelCost.standard().load(s);
            for (var t :
                    ParameterRoles.resolve(model.graph(), OpRegistry.standard()).values()) {
                if (t.storage() != null && t.storage().encoding() == Storage.Encoding.BLOCKS) {
                    excess += t.elementCount().getAsLong() - t.storage().lengthBytes();
                }
            }
        }
        return excess;
    }

    /** Parameters kept in node attributes (tree thresholds, encoder categories): no tensor of the truth holds them. */
    private static long attributeElements(Path m) throws Exception {
        long n = 0;
        try (FileSource s = FileSource.open(m)) {
            var model = ModelCost.standard().load(s);
            for (var t :
                    AttributeParameters.of(model.graph(), OpRegistry.standard()).values()) {
                n += t.declaredRole().isParameter() ? t.elementCount().orElse(0) : 0;
            }
        }
        return n;
    }

    @Test
    void structureTotalsAgreeWithProtobufsOwnParser() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Path m : corpusModels()) {
            StructureLedger[] seen = new StructureLedger[1];
            try (FileSource source = FileSource.open(m)) {
                new OnnxImporter().read(source, ImportOptions.DEFAULTS, t -> seen[0] = t.structure);
            }
            StructureLedger ledger = seen[0];
            OnnxSchema.Model model = OnnxSchema.Model.parseFrom(Files.readAllBytes(m));
            String name = m.getFileName().toString();
            check(
                    failures,
                    name,
                    "re-serialized size = file size (so protobuf's sizes describe this file)",
                    Files.size(m),
                    (long) model.getSerializedSize());
            check(failures, name, "tags and length prefixes", ProtoFraming.of(model), ledger.framingBytes());
            Map<StructureLedger.Part, Long> top = ledger.topLevelBytes();
            OnnxSchema.Graph g = model.getGraph();
            check(
                    failures,
                    name,
                    "main graph",
                    (long) CodedOutputStream.computeMessageSize(7, g),
                    top.get(StructureLedger.Part.GRAPH));
            check(
                    failures,
                    name,
                    "nodes of the main graph",
                    sum(1, g.getNodeList()),
                    top.getOrDefault(StructureLedger.Part.NODE, 0L));
            check(
                    failures,
                    name,
                    "initializers",
                    sum(5, g.getInitializerList()),
                    top.getOrDefault(StructureLedger.Part.TENSOR, 0L));
            check(
                    failures,
                    name,
                    "value infos",
                    sum(11, g.getInputList()) + sum(12, g.getOutputList()) + sum(13, g.getValueInfoList()),
                    top.getOrDefault(StructureLedger.Part.VALUE_INFO, 0L));
            check(
                    failures,
                    name,
                    "opset imports",
                    sum(8, model.getOpsetImportList()),
                    top.getOrDefault(StructureLedger.Part.OPSET_IMPORT, 0L));
            check(
                    failures,
                    name,
                    "metadata_props",
                    sum(14, model.getMetadataPropsList()),
                    top.getOrDefault(StructureLedger.Part.METADATA, 0L));
            check(failures, name, "names", ProtoFraming.nameBytes(model), ledger.nameBytes());
            check(failures, name, "doc strings", ProtoFraming.docStringBytes(model), ledger.docStringBytes());
        }
        assertEquals(List.of(), failures);
    }

    private static void check(List<String> failures, String file, String what, long expected, Long actual) {
        if (actual == null || expected != actual) {
            failures.add(file + ": " + what + ": protobuf " + expected + ", ledger " + actual);
        }
    }

    private static long sum(int field, List<? extends Message> messages) {
        long s = 0;
        for (Message m : messages) {
            s += CodedOutputStream.computeMessageSize(field, m);
        }
        return s;
    }
}
