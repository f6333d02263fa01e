package dev.modelcost.onnx;

/**
 * The ONNX message types and which of their fields hold sub-messages (field numbers from onnx.proto, as in
 * src/main/protobuf/onnx_model.proto). {@link ProtoCursor#walk} uses this to count framing inside structures the
 * importer does not otherwise read. A hand-written table rather than protobuf's descriptors: building those
 * costs more than reading a whole model's structure.
 */
enum MessageKind {
    OPSET_ID,
    KEY_VALUE,
    DIMENSION,
    SEGMENT,
    SHAPE,
    TENSOR_TYPE,
    SEQUENCE_TYPE,
    MAP_TYPE,
    OPTIONAL_TYPE,
    TYPE,
    VALUE_INFO,
    TENSOR,
    SPARSE_TENSOR,
    ATTRIBUTE,
    NODE,
    GRAPH,
    FUNCTION;

    /** The kind of the sub-message in {@code field}, or null where the field is not a message. */
    MessageKind child(int field) {
        return switch (this) {
            case SHAPE -> field == 1 ? DIMENSION : null;
            case TENSOR_TYPE -> field == 2 ? SHAPE : null;
            case SEQUENCE_TYPE, OPTIONAL_TYPE -> field == 1 ? TYPE : null;
            case MAP_TYPE -> field == 2 ? TYPE : null;
            case TYPE -> switch (field) {
                case 1, 8 -> TENSOR_TYPE;
                case 4 -> SEQUENCE_TYPE;
                case 5 -> MAP_TYPE;
                case 9 -> OPTIONAL_TYPE;
                default -> null;
            };
            case VALUE_INFO -> field == 2 ? TYPE : null;
            case TENSOR -> field == 3 ? SEGMENT : field == 13 ? KEY_VALUE : null;
            case SPARSE_TENSOR -> field == 1 || field == 2 ? TENSOR : null;
            case ATTRIBUTE -> switch (field) {
                case 5, 10 -> TENSOR;
                case 6, 11 -> GRAPH;
                case 22, 23 -> SPARSE_TENSOR;
                default -> null;
            };
            case NODE -> field == 5 ? ATTRIBUTE : null;
            case GRAPH -> switch (field) {
                case 1 -> NODE;
                case 5 -> TENSOR;
                case 11, 12, 13 -> VALUE_INFO;
                case 15 -> SPARSE_TENSOR;
                default -> null;
            };
            case FUNCTION -> field == 7 ? NODE : field == 9 ? OPSET_ID : null;
            default -> null;
        };
    }
}
