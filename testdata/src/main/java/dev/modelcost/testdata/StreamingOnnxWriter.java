package dev.modelcost.testdata;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a real ONNX file whose initializers are streamed, so that a 553 MB model is written with a
 * small heap: every message except the initializers' raw_data is built with the generated schema
 * classes, and the lengths that enclose the payloads are computed before anything is written.
 * Payloads are deterministic pseudo-random floats, or holes (a sparse file of zeros) for fast fixtures.
 */
public final class StreamingOnnxWriter {

    /** A float32 initializer whose payload is generated while writing. */
    public record Initializer(String name, long[] dims) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    public enum Payload {
        PSEUDO_RANDOM,
        HOLES
    }

    private final OnnxSchema.Model.Builder header = OnnxSchema.Model.newBuilder();
    private final OnnxSchema.Graph.Builder graph = OnnxSchema.Graph.newBuilder();
    private final List<Initializer> initializers = new ArrayList<>();

    public StreamingOnnxWriter(long irVersion, int opset, String producer) {
        header.setIrVersion(irVersion)
                .setProducerName(producer)
                .setProducerVersion("0.1")
                .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setDomain("").setVersion(opset));
    }

    public OnnxSchema.Graph.Builder graph() {
        return graph;
    }

    public void addInitializer(String name, long... dims) {
        initializers.add(new Initializer(name, dims));
    }

    public void write(Path file, Payload payload) throws IOException {
        byte[] modelHead = header.build().toByteArray();
        byte[] graphRest =
                graph.build().toByteArray(); // nodes, name, inputs, outputs: order does not matter to readers
        List<byte[]> tensorHeads = new ArrayList<>();
        long graphBytes = graphRest.length;
        for (Initializer init : initializers) {
            OnnxSchema.Tensor.Builder t =
                    OnnxSchema.Tensor.newBuilder().setName(init.name()).setDataType(1);
            for (long d : init.dims()) {
                t.addDims(d);
            }
            byte[] head = t.build().toByteArray();
            tensorHeads.add(head);
            long payloadBytes = Math.multiplyExact(init.elements(), 4L);
            long tensorBytes = head.length
                    + CodedOutputStream.computeTagSize(9)
                    + CodedOutputStream.computeUInt64SizeNoTag(payloadBytes)
                    + payloadBytes;
            graphBytes += CodedOutputStream.computeTagSize(5)
                    + CodedOutputStream.computeUInt64SizeNoTag(tensorBytes)
                    + tensorBytes;
        }
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ChannelOut out = new ChannelOut(ch);
            CodedOutputStream cos = CodedOutputStream.newInstance(out, 1 << 16);
            cos.writeRawBytes(modelHead);
            cos.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            cos.writeUInt64NoTag(graphBytes);
            cos.writeRawBytes(graphRest);
            long seed = 0x9E3779B97F4A7C15L;
            for (int i = 0; i < initializers.size(); i++) {
                Initializer init = initializers.get(i);
                byte[] head = tensorHeads.get(i);
                long payloadBytes = init.elements() * 4L;
                long tensorBytes = head.length
                        + CodedOutputStream.computeTagSize(9)
                        + CodedOutputStream.computeUInt64SizeNoTag(payloadBytes)
                        + payloadBytes;
                cos.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                cos.writeUInt64NoTag(tensorBytes);
                cos.writeRawBytes(head);
                cos.writeTag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                cos.writeUInt64NoTag(payloadBytes);
                cos.flush();
                if (payload == Payload.HOLES) {
                    ch.position(ch.position() + payloadBytes);
                } else {
                    seed = writeFloats(ch, init.elements(), seed);
                }
            }
            cos.flush();
            long end = ch.position();
            if (ch.size() < end) {
                ch.write(ByteBuffer.allocate(1), end - 1); // a trailing hole: give the file its full length
            }
            ch.truncate(end);
        }
    }

    /** Small uniform floats in [-0.05, 0.05) from an xorshift generator: distinct tensors, no duplicates. */
    private static long writeFloats(SeekableByteChannel ch, long count, long seed) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        long x = seed;
        for (long i = 0; i < count; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buf.putFloat(((x >>> 40) / (float) (1 << 24) - 0.5f) * 0.1f);
            if (!buf.hasRemaining()) {
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                buf.clear();
            }
        }
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        return x;
    }

    /** An OutputStream onto the channel's current position, so holes can be made between writes. */
    private static final class ChannelOut extends OutputStream {
        private final FileChannel ch;

        ChannelOut(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
