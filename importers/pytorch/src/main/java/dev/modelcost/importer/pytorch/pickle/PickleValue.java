package dev.modelcost.importer.pytorch.pickle;

import java.util.ArrayList;
import java.util.List;

/**
 * What the restricted pickle reader builds: plain data, and for everything the pickle would import or call, an
 * inert record naming it. Nothing here refers to a Java class the pickle chose.
 */
public sealed interface PickleValue {

    /** Python None, and markers the reader needs but a pickle cannot name. */
    enum Atom implements PickleValue {
        NONE,
        MARK
    }

    record Bool(boolean value) implements PickleValue {}

    /** An integer; one wider than 64 bits keeps only its byte length. */
    record Int(long value, boolean wide) implements PickleValue {}

    record Float(double value) implements PickleValue {}

    record Str(String value) implements PickleValue {}

    /** Bytes are never kept: a pickle may carry megabytes of them. */
    record Bytes(long length) implements PickleValue {}

    /** A list, a set, or a list-like object a pickle appends to. */
    record Seq(List<PickleValue> items, String kind) implements PickleValue {
        public static Seq list() {
            return new Seq(new ArrayList<>(), "list");
        }
    }

    record Tuple(List<PickleValue> items) implements PickleValue {}

    /** A dict in insertion order (keys may be any value; paths use their text). */
    record Dict(List<PickleValue> keys, List<PickleValue> values) implements PickleValue {
        public static Dict empty() {
            return new Dict(new ArrayList<>(), new ArrayList<>());
        }

        public void put(PickleValue k, PickleValue v) {
            keys.add(k);
            values.add(v);
        }
    }

    /** A module-level name the pickle refers to (GLOBAL, STACK_GLOBAL): recorded, never imported. */
    record Global(String module, String name) implements PickleValue {
        public String qualifiedName() {
            return module + "." + name;
        }
    }

    /**
     * The result of a call the pickle asks for (REDUCE, NEWOBJ, INST, OBJ) of anything but the torch rebuild
     * functions: the callable and its arguments, never run. BUILD state and appended items are kept as data.
     */
    final class Call implements PickleValue {
        private final Global callable;
        private final List<PickleValue> args;
        private PickleValue state = Atom.NONE;
        private final Dict items = Dict.empty();
        private final List<PickleValue> appended = new ArrayList<>();

        public Call(Global callable, List<PickleValue> args) {
            this.callable = callable;
            this.args = List.copyOf(args);
        }

        public Global callable() {
            return callable;
        }

        public List<PickleValue> args() {
            return args;
        }

        public PickleValue state() {
            return state;
        }

        void setState(PickleValue s) {
            state = s;
        }

        public Dict items() {
            return items;
        }

        public List<PickleValue> appended() {
            return appended;
        }
    }

    /**
     * A storage named by a persistent id: ('storage', storage type, key, location, elements[, view]). A legacy
     * view (key, offset, elements) of a larger storage keeps the root key and the view's element offset.
     */
    record Storage(String typeName, String key, String location, long elements, long viewOffsetElements)
            implements PickleValue {}

    /** A tensor rebuilt by torch._utils._rebuild_tensor(_v2): its storage, element offset, size and stride. */
    record Tensor(Storage storage, long offsetElements, long[] size, long[] stride, boolean parameter)
            implements PickleValue {
        public Tensor asParameter() {
            return new Tensor(storage, offsetElements, size, stride, true);
        }
    }
}
