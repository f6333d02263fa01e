package dev.modelcost.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The structures the corpus files lack (doc strings, metadata, model-local functions, sparse initializers, tensors
 * inside attributes, subgraphs, typed fields) in one small model built with the generated schema classes; protobuf's
 * own sizes and an independent framing count are the oracles.
 */
class OnnxLedgerStructuresTest {
    @TempDir
    Path dir;

    private static OnnxSchema.ValueInfo value(String name) {
        return OnnxSchema.ValueInfo.newBuilder()
                .setName(name)
                .setDocString("a value")
                .setType(OnnxSchema.Type.newBuilder()
                        .setTensorType(OnnxSchema.Type.TensorType.newBuilder()
                                .setElemType(1)
                                .setShape(OnnxSchema.Shape.newBuilder()
                                        .addDim(OnnxSchema.Shape.Dimension.newBuilder()
                                                .setDimValue(1))
                                        .addDim(OnnxSchema.Shape.Dimension.newBuilder()
                                                .setDimParam("n")))))
                .build();
    }

    private static OnnxSchema.Tensor raw(String name, int elements) {
        return OnnxSchema.Tensor.newBuilder()
                .setName(name)
                .setDataType(1)
                .addDims(elements)
                .setDocString("weights")
                .setRawData(ByteString.copyFrom(new byte[elements * 4]))
                .build();
    }

    /** int64 shape [1, 2, 300] as varints: 1 + 1 + 2 bytes stored for 24 logical bytes. */
    private static final OnnxSchema.Tensor SHAPE = OnnxSchema.Tensor.newBuilder()
            .setName("shape")
            .setDataType(7)
            .addDims(3)
            .addInt64Data(1)
            .addInt64Data(2)
            .addInt64Data(300)
            .build();
    /** fp16 1.0 (bits 0x3C00 = 15360) and 0.0 in int32_data: varints of 2 + 1 bytes for 4 logical bytes. */
    private static final OnnxSchema.Tensor HALF = OnnxSchema.Tensor.newBuilder()
            .setName("half")
            .setDataType(10)
            .addDims(2)
            .addInt32Data(0x3C00)
            .addInt32Data(0)
            .build();

    private Path model() throws Exception {
        OnnxSchema.Graph body = OnnxSchema.Graph.newBuilder()
                .setName("then")
                .addInitializer(raw("inner", 16))
                .addNode(OnnxSchema.Node.newBuilder()
                        .setOpType("Identity")
                        .addInput("inner")
                        .addOutput("y"))
                .addOutput(value("y"))
                .build();
        OnnxSchema.Graph g = OnnxSchema.Graph.newBuilder()
                .setName("main")
                .setDocString("the main graph")
                .addInput(value("x"))
                .addOutput(value("out"))
                .addValueInfo(value("h"))
                .addInitializer(raw("w", 20))
                .addInitializer(SHAPE)
                .addInitializer(HALF)
                .addSparseInitializer(OnnxSchema.SparseTensor.newBuilder()
                        .addDims(10)
                        .setValues(raw("sparse", 3))
                        .setIndices(OnnxSchema.Tensor.newBuilder()
                                .setName("idx")
                                .setDataType(7)
                                .addDims(3)
                                .setRawData(ByteString.copyFrom(new byte[24]))))
                .addNode(OnnxSchema.Node.newBuilder()
                        .setName("fill")
                        .setOpType("ConstantOfShape")
                        .setDocString("fills")
                        .addInput("shape")
                        .addOutput("filled")
                        .addAttribute(OnnxSchema.Attribute.newBuilder()
                                .setName("value")
                                .setType(OnnxSchema.Attribute.Kind.TENSOR)
                                .setT(OnnxSchema.Tensor.newBuilder()
                                        .setDataType(1)
                                        .addDims(1)
                                        .setRawData(ByteString.copyFrom(new byte[4])))))
                .addNode(OnnxSchema.Node.newBuilder()
                        .setName("k")
                        .setOpType("Constant")
                        .addOutput("k_out")
                        .addAttribute(OnnxSchema.Attribute.newBuilder()
                                .setName("value")
                                .setType(OnnxSchema.Attribute.Kind.TENSOR)
                                .setDocString("a constant")
                                .setT(raw("k_value", 5))))
                .addNode(OnnxSchema.Node.newBuilder()
                        .setName("branch")
                        .setOpType("If")
                        .addInput("x")
                        .addOutput("out")
                        .addAttribute(OnnxSchema.Attribute.newBuilder()
                                .setName("then_branch")
                                .setType(OnnxSchema.Attribute.Kind.GRAPH)
                                .setG(body))
                        .addAttribute(OnnxSchema.Attribute.newBuilder()
                                .setName("else_branch")
                                .setType(OnnxSchema.Attribute.Kind.GRAPH)
                                .setG(body)))
                .build();
        OnnxSchema.Model m = OnnxSchema.Model.newBuilder()
                .setIrVersion(8)
                .setProducerName("test")
                .setDocString("a model")
                .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13))
                .addOpsetImport(
                        OnnxSchema.OpsetId.newBuilder().setDomain("local").setVersion(1))
                .addMetadataProps(
                        OnnxSchema.KeyValue.newBuilder().setKey("author").setValue("modelcost"))
                .addFunctions(OnnxSchema.Function.newBuilder()
                        .setName("f")
                        .setDomain("local")
                        .addInput("a")
                        .addOutput("b")
                        .addNode(OnnxSchema.Node.newBuilder()
                                .setOpType("Relu")
                                .addInput("a")
                                .addOutput("b")))
                .setGraph(g)
                .build();
        Path f = dir.resolve("structures.onnx");
        Files.write(f, m.toByteArray());
        return f;
    }

    @Test
    void everyStructureIsAttributedAndAgreesWithProtobuf() throws Exception {
        Path f = model();
        OnnxSchema.Model m = OnnxSchema.Model.parseFrom(Files.readAllBytes(f));
        StructureLedger[] seen = new StructureLedger[1];
        try (FileSource source = FileSource.open(f)) {
            new OnnxImporter().read(source, ImportOptions.DEFAULTS, t -> seen[0] = t.structure);
        }
        StructureLedger ledger = seen[0];
        assertEquals(ProtoFraming.of(m), ledger.framingBytes(), "tags and length prefixes");
        assertEquals(ProtoFraming.nameBytes(m), ledger.nameBytes(), "names");
        assertEquals(ProtoFraming.docStringBytes(m), ledger.docStringBytes(), "doc strings");
        assertEquals(
                CodedOutputStream.computeMessageSize(25, m.getFunctions(0)),
                ledger.topLevelBytes().get(StructureLedger.Part.FUNCTION),
                "model-local function");
        assertEquals(
                CodedOutputStream.computeMessageSize(15, m.getGraph().getSparseInitializer(0)),
                ledger.topLevelBytes().get(StructureLedger.Part.SPARSE_TENSOR),
                "sparse initializer");
        long metadata = CodedOutputStream.computeMessageSize(14, m.getMetadataProps(0));
        assertEquals(metadata, ledger.topLevelBytes().get(StructureLedger.Part.METADATA));

        Report r = ModelCost.standard().inspect(f);
        assertEquals(0, r.ledger().unexplainedBytes());
        assertEquals(
                Files.size(f),
                r.ledger().entries().stream().mapToLong(LedgerEntry::bytes).sum());
        // Both branches hold a tensor named 'inner' with the same zeros: the second is a duplicate, not lost.
        assertEquals(64, r.ledger().bytesIn(LedgerCategory.DUPLICATES), "the else branch's copy of 'inner' (16 fp32)");
        assertEquals(4, entry(r, "tensor values inside node attributes").bytes(), "ConstantOfShape's value");
        LedgerEntry half = entry(r, "fp16, typed fields");
        assertTrue(half != null && half.bytes() == 3 && half.logicalBytes() == 4, String.valueOf(half));
        LedgerEntry ints = entry(r, "int64, typed fields");
        assertTrue(ints != null && ints.bytes() == 4 && ints.logicalBytes() == 24, String.valueOf(ints));
        // Doc strings by hand: model 7 + graph 14 + node 5 + attribute 10 + five value infos (x, out, h, and y in each
        // branch) 5 × 7 + five raw tensors (w, inner twice, sparse, k_value) 5 × 7 = 106 bytes.
        assertEquals(106, ledger.docStringBytes());
    }

    private static LedgerEntry entry(Report r, String detailPart) {
        List<LedgerEntry> found = r.ledger().entries().stream()
                .filter(e -> e.detail().contains(detailPart))
                .toList();
        return found.isEmpty() ? null : found.get(0);
    }
}
