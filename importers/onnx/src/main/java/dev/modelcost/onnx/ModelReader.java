package dev.modelcost.onnx;

import com.google.protobuf.WireFormat;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the top-level ModelProto: versions, producer, opset imports, metadata and the main graph. */
final class ModelReader {
    private final ProtoCursor in;
    private final GraphReader graphs;
    private final ImportTally tally;
    private final ImportOptions options;

    final Map<String, String> metadata = new LinkedHashMap<>();
    final Map<String, Integer> opsets = new LinkedHashMap<>();

    ModelReader(ProtoCursor in, GraphReader graphs, ImportTally tally, ImportOptions options) {
        this.in = in;
        this.graphs = graphs;
        this.tally = tally;
        this.options = options;
    }

    Graph read() throws IOException {
        StructureLedger ledger = tally.structure;
        ledger.beginRoot();
        GraphDraft main = null;
        int tag;
        while ((tag = in.tag()) != 0) {
            switch (ProtoCursor.field(tag)) {
                case 1 -> metadata.put("irVersion", Long.toString(in.varint()));
                case 2 -> metadata.put("producerName", in.string(4096));
                case 3 -> metadata.put("producerVersion", in.string(4096));
                case 4 -> metadata.put("domain", in.string(4096));
                case 5 -> metadata.put("modelVersion", Long.toString(in.varint()));
                case 6 -> ledger.docString(in.skipContent(tag));
                case 7 -> {
                    if (main != null) {
                        throw in.malformed(in.position(), "more than one main graph");
                    }
                    main = graphs.read(0);
                }
                case 8 -> {
                    ledger.begin(StructureLedger.Part.OPSET_IMPORT);
                    OnnxSchema.OpsetId id =
                            OnnxSchema.OpsetId.parseFrom(in.message(MessageKind.OPSET_ID, options.maxMetadataBytes()));
                    ledger.end();
                    String domain = id.getDomain().equals("ai.onnx") ? "" : id.getDomain();
                    opsets.put(domain, (int) Math.min(Integer.MAX_VALUE, id.getVersion()));
                }
                case 14 -> {
                    ledger.begin(StructureLedger.Part.METADATA);
                    OnnxSchema.KeyValue kv = OnnxSchema.KeyValue.parseFrom(
                            in.message(MessageKind.KEY_VALUE, options.maxMetadataBytes()));
                    ledger.end();
                    metadata.put("metadata." + kv.getKey(), kv.getValue());
                }
                case 20 -> {
                    ledger.begin(StructureLedger.Part.TRAINING_INFO);
                    in.skipField(tag);
                    ledger.end();
                    tally.diagnostic(Diagnostic.warning("the model carries training information (TrainingInfoProto); "
                            + "its tensors are counted as graph bytes, not as parameters"));
                }
                case 25 -> {
                    long before = in.position();
                    ledger.begin(StructureLedger.Part.FUNCTION);
                    if (ProtoCursor.wireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int token = in.enter();
                        in.walk(MessageKind.FUNCTION, 0);
                        in.leave(token);
                    } else {
                        in.skipField(tag);
                    }
                    ledger.end();
                    tally.functionBytes += in.position() - before;
                }
                default -> in.skipField(tag);
            }
        }
        ledger.end();
        if (main == null) {
            throw in.malformed(in.position(), "no graph: not an ONNX model");
        }
        if (tally.functionBytes > 0) {
            tally.diagnostic(Diagnostic.warning(
                    "the model defines local functions; nodes that call them are " + "reported as unknown operators"));
        }
        return main.build(opsets);
    }
}
