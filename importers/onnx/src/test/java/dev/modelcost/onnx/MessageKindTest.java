package dev.modelcost.onnx;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written table of sub-message fields agrees with the schema's generated descriptors, field by field. */
class MessageKindTest {
    private static final Map<MessageKind, Descriptor> SCHEMA = new EnumMap<>(Map.ofEntries(
            Map.entry(MessageKind.OPSET_ID, OnnxSchema.OpsetId.getDescriptor()),
            Map.entry(MessageKind.KEY_VALUE, OnnxSchema.KeyValue.getDescriptor()),
            Map.entry(MessageKind.DIMENSION, OnnxSchema.Shape.Dimension.getDescriptor()),
            Map.entry(MessageKind.SEGMENT, OnnxSchema.Tensor.Segment.getDescriptor()),
            Map.entry(MessageKind.SHAPE, OnnxSchema.Shape.getDescriptor()),
            Map.entry(MessageKind.TENSOR_TYPE, OnnxSchema.Type.TensorType.getDescriptor()),
            Map.entry(MessageKind.SEQUENCE_TYPE, OnnxSchema.Type.SequenceType.getDescriptor()),
            Map.entry(MessageKind.MAP_TYPE, OnnxSchema.Type.MapType.getDescriptor()),
            Map.entry(MessageKind.OPTIONAL_TYPE, OnnxSchema.Type.OptionalType.getDescriptor()),
            Map.entry(MessageKind.TYPE, OnnxSchema.Type.getDescriptor()),
            Map.entry(MessageKind.VALUE_INFO, OnnxSchema.ValueInfo.getDescriptor()),
            Map.entry(MessageKind.TENSOR, OnnxSchema.Tensor.getDescriptor()),
            Map.entry(MessageKind.SPARSE_TENSOR, OnnxSchema.SparseTensor.getDescriptor()),
            Map.entry(MessageKind.ATTRIBUTE, OnnxSchema.Attribute.getDescriptor()),
            Map.entry(MessageKind.NODE, OnnxSchema.Node.getDescriptor()),
            Map.entry(MessageKind.GRAPH, OnnxSchema.Graph.getDescriptor()),
            Map.entry(MessageKind.FUNCTION, OnnxSchema.Function.getDescriptor())));

    @Test
    void everyMessageFieldOfTheSchemaIsInTheTableAndNothingElse() {
        assertEquals(MessageKind.values().length, SCHEMA.size());
        List<String> wrong = new ArrayList<>();
        SCHEMA.forEach((kind, d) -> {
            for (int field = 1; field <= 30; field++) {
                FieldDescriptor f = d.findFieldByNumber(field);
                Descriptor expected =
                        f != null && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? f.getMessageType() : null;
                MessageKind child = kind.child(field);
                Descriptor actual = child == null ? null : SCHEMA.get(child);
                if (expected != actual) {
                    wrong.add(kind + "." + field + ": schema " + (expected == null ? "-" : expected.getName())
                            + ", table " + (actual == null ? "-" : actual.getName()));
                }
            }
        });
        assertEquals(List.of(), wrong);
    }
}
