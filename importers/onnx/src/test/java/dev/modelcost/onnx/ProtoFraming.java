package dev.modelcost.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent count of a fully parsed message's protobuf framing, from protobuf's reflection and its own
 * serialized sizes: every field occurrence costs its tag; strings, bytes and sub-messages also their length
 * prefix; a packed repeated field costs one tag and one length prefix. Unknown fields count the same way.
 */
final class ProtoFraming {
    private static final Set<String> NAMED = Set.of("Graph", "Node", "Tensor", "ValueInfo");

    private ProtoFraming() {}

    static long of(Message m) {
        long f = 0;
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            int tag = CodedOutputStream.computeTagSize(fd.getNumber());
            List<?> values = fd.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
            if (fd.isPacked()) {
                f += tag + CodedOutputStream.computeUInt64SizeNoTag(packedDataBytes(fd, values));
                continue;
            }
            for (Object v : values) {
                f += tag;
                switch (fd.getJavaType()) {
                    case MESSAGE -> {
                        Message sub = (Message) v;
                        f += CodedOutputStream.computeUInt64SizeNoTag(sub.getSerializedSize()) + of(sub);
                    }
                    case STRING -> f += CodedOutputStream.computeUInt64SizeNoTag(
                            ((String) v).getBytes(StandardCharsets.UTF_8).length);
                    case BYTE_STRING -> f += CodedOutputStream.computeUInt64SizeNoTag(((ByteString) v).size());
                    default -> {}
                }
            }
        }
        return f + unknown(m.getUnknownFields());
    }

    private static long unknown(UnknownFieldSet set) {
        long f = 0;
        for (Map.Entry<Integer, UnknownFieldSet.Field> e : set.asMap().entrySet()) {
            int tag = CodedOutputStream.computeTagSize(e.getKey());
            UnknownFieldSet.Field field = e.getValue();
            f += (long) tag
                    * (field.getVarintList().size()
                            + field.getFixed32List().size()
                            + field.getFixed64List().size());
            for (ByteString b : field.getLengthDelimitedList()) {
                f += tag + CodedOutputStream.computeUInt64SizeNoTag(b.size());
            }
        }
        return f;
    }

    private static long packedDataBytes(FieldDescriptor fd, List<?> values) {
        long n = 0;
        for (Object v : values) {
            n += switch (fd.getType()) {
                case FLOAT, FIXED32, SFIXED32 -> 4;
                case DOUBLE, FIXED64, SFIXED64 -> 8;
                case INT32 -> CodedOutputStream.computeInt32SizeNoTag((Integer) v);
                case INT64 -> CodedOutputStream.computeInt64SizeNoTag((Long) v);
                case UINT64 -> CodedOutputStream.computeUInt64SizeNoTag((Long) v);
                default -> throw new IllegalArgumentException("packed " + fd.getType());
            };
        }
        return n;
    }

    private static final Set<String> TENSOR_DATA =
            Set.of("float_data", "int32_data", "int64_data", "double_data", "uint64_data", "raw_data");

    /**
     * Bytes of every tensor's values as they lie in the file (raw_data, or the contents of the packed typed fields),
     * graph tensors and attribute tensors alike, outside model-local functions.
     */
    static long tensorPayloadBytes(Message m) {
        long n = 0;
        boolean tensor = m.getDescriptorForType().equals(OnnxSchema.Tensor.getDescriptor());
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            List<?> values = fd.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
            if (tensor && TENSOR_DATA.contains(fd.getName())) {
                n += fd.isPacked() ? packedDataBytes(fd, values) : ((ByteString) values.get(0)).size();
            } else if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !fd.getMessageType().equals(OnnxSchema.Function.getDescriptor())) {
                for (Object v : values) {
                    n += tensorPayloadBytes((Message) v);
                }
            }
        }
        return n;
    }

    /** Bytes of the name strings of graphs, nodes, tensors and value infos, outside model-local functions. */
    static long nameBytes(Message m) {
        return stringBytes(m, "name", true);
    }

    /** Bytes of every doc_string outside model-local functions. */
    static long docStringBytes(Message m) {
        return stringBytes(m, "doc_string", false);
    }

    private static long stringBytes(Message m, String field, boolean onlyNamedTypes) {
        long n = 0;
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            if (fd.getName().equals(field)
                    && (!onlyNamedTypes
                            || NAMED.contains(m.getDescriptorForType().getName()))) {
                n += ((String) e.getValue()).getBytes(StandardCharsets.UTF_8).length;
            }
            if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !fd.getMessageType().equals(OnnxSchema.Function.getDescriptor())) {
                List<?> values = fd.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
                for (Object v : values) {
                    n += stringBytes((Message) v, field, onlyNamedTypes);
                }
            }
        }
        return n;
    }
}
