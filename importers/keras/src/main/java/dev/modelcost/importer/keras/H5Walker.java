package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.DType;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.message.DataLayout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the structure of an open HDF5 file with jhdf: every dataset's shape, type, layout and storage,
 * and string attributes. Never reads a dataset's data. Links are not followed, so each object counts once.
 */
final class H5Walker {
    private final int maxDatasets;
    private final int maxRank;

    H5Walker(int maxDatasets, int maxRank) {
        this.maxDatasets = maxDatasets;
        this.maxRank = maxRank;
    }

    /** Datasets under {@code root}, depth first, children in name order. */
    List<H5Dataset> datasets(Group root) {
        List<H5Dataset> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Deque<Group> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Group g = todo.pop();
            if (!seen.add(g.getAddress())) {
                continue;
            }
            List<Group> subgroups = new ArrayList<>();
            for (Node n : g.getChildren().values()) {
                if (n.isLink()) {
                    continue;
                }
                if (n instanceof Dataset d) {
                    if (seen.add(d.getAddress())) {
                        out.add(describe(d));
                        if (out.size() > maxDatasets) {
                            throw new IllegalStateException("more than " + maxDatasets + " datasets");
                        }
                    }
                } else if (n instanceof Group sub) {
                    subgroups.add(sub);
                }
            }
            for (int i = subgroups.size() - 1; i >= 0; i--) {
                todo.push(subgroups.get(i));
            }
        }
        return out;
    }

    /** Payload bytes and count of the attributes of every object under {@code root} (root included). */
    long[] attributePayload(Group root, long maxAttributeBytes) {
        long[] out = new long[2];
        Set<Long> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n.getAddress())) {
                continue;
            }
            for (Attribute a : n.getAttributes().values()) {
                out[0] += payloadBytes(a, maxAttributeBytes);
                out[1]++;
            }
            if (n instanceof Group g) {
                for (Node c : g.getChildren().values()) {
                    if (!c.isLink()) {
                        todo.push(c);
                    }
                }
            }
        }
        return out;
    }

    /**
     * An attribute's payload as h5py presents it: text of strings (a fixed-length scalar without its padding,
     * variable-length strings by their UTF-8 bytes), fixed-size elements × element size for everything else.
     */
    static long payloadBytes(Attribute a, long maxBytes) {
        if (a.isEmpty()) {
            return 0;
        }
        if (a.getSizeInBytes() > maxBytes) {
            throw new IllegalStateException("attribute '" + a.getName() + "' of " + a.getSizeInBytes()
                    + " bytes exceeds the metadata limit of " + maxBytes);
        }
        DataType t = a.getDataType();
        boolean vlenString = t instanceof io.jhdf.object.datatype.VariableLength v && v.isVariableLengthString();
        if (vlenString || t instanceof StringData && a.isScalar()) {
            Object v = a.getData();
            long n = 0;
            if (v instanceof String s) {
                n = s.getBytes(StandardCharsets.UTF_8).length;
            } else if (v instanceof String[] arr) {
                for (String s : arr) {
                    n += s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
                }
            }
            return n;
        }
        return Math.multiplyExact(a.getSize(), (long) t.getSize());
    }

    private H5Dataset describe(Dataset d) {
        long[] shape = d.getDimensionsAsLong();
        if (shape.length > maxRank) {
            throw new IllegalStateException("dataset " + d.getPath() + " has rank " + shape.length);
        }
        DataLayout layout = d.getDataLayout();
        long storage;
        long address = -1;
        if (layout == DataLayout.CONTIGUOUS && d instanceof ContiguousDataset c) {
            address = c.getDataAddress();
            storage = address == -1 ? 0 : d.getSizeInBytes();
        } else {
            storage = d.getStorageInBytes();
        }
        return new H5Dataset(
                stripSlash(d.getPath()),
                shape,
                dtypeOf(d.getDataType()),
                layout.name().toLowerCase(Locale.ROOT),
                storage,
                address);
    }

    static String stripSlash(String p) {
        return p.startsWith("/") ? p.substring(1) : p;
    }

    static DType dtypeOf(DataType t) {
        if (t instanceof FloatingPoint) {
            return switch (t.getSize()) {
                case 2 -> DType.FLOAT16;
                case 4 -> DType.FLOAT32;
                case 8 -> DType.FLOAT64;
                default -> DType.UNKNOWN;
            };
        }
        if (t instanceof FixedPoint f) {
            boolean s = f.isSigned();
            return switch (t.getSize()) {
                case 1 -> s ? DType.INT8 : DType.UINT8;
                case 2 -> s ? DType.INT16 : DType.UINT16;
                case 4 -> s ? DType.INT32 : DType.UINT32;
                case 8 -> s ? DType.INT64 : DType.UINT64;
                default -> DType.UNKNOWN;
            };
        }
        if (t instanceof StringData) {
            return DType.STRING;
        }
        if (t.getClass().getSimpleName().equals("EnumDataType") && t.getSize() == 1) {
            return DType.BOOL; // h5py stores numpy bool as an 8-bit enum
        }
        return DType.UNKNOWN;
    }

    /** A string attribute (fixed- or variable-length, scalar or one-element array), empty when absent or not text. */
    static Optional<String> stringAttr(Node n, String name) {
        return stringAttr(n, name, Long.MAX_VALUE);
    }

    /** As {@link #stringAttr(Node, String)}, refusing attributes whose stored size exceeds {@code maxBytes}. */
    static Optional<String> stringAttr(Node n, String name, long maxBytes) {
        Attribute a = n.getAttribute(name);
        if (a == null) {
            return Optional.empty();
        }
        if (a.getSizeInBytes() > maxBytes) {
            throw new IllegalStateException("attribute '" + name + "' of " + a.getSizeInBytes()
                    + " bytes exceeds the metadata limit of " + maxBytes);
        }
        Object v = a.getData();
        if (v instanceof String s) {
            return Optional.of(s);
        }
        if (v instanceof String[] arr && arr.length == 1) {
            return Optional.of(arr[0]);
        }
        if (v instanceof byte[] b) {
            return Optional.of(new String(b, StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    /** A string-list attribute ({@code layer_names}, {@code weight_names}); empty when absent. */
    static Optional<List<String>> stringListAttr(Node n, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null) {
            return Optional.empty();
        }
        Object v = a.getData();
        if (v instanceof String s) {
            return Optional.of(List.of(s));
        }
        if (v instanceof String[] arr) {
            return Optional.of(List.of(arr));
        }
        if (v instanceof Object[] arr) {
            List<String> out = new ArrayList<>();
            for (Object o : arr) {
                out.add(String.valueOf(o));
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }
}
