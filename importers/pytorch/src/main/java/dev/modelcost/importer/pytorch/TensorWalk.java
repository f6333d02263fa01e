package dev.modelcost.importer.pytorch;

import dev.modelcost.importer.pytorch.pickle.PickleValue;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Call;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Dict;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Int;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Seq;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Str;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Tensor;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Finds every tensor in the unpickled object tree with its path of keys (dict keys, list positions, the arguments
 * and state of inert calls), in the pickle's order. Iterative, and each container is entered once, so a pickle that
 * nests deeply or refers to itself cannot exhaust the stack or loop.
 */
final class TensorWalk {
    record Found(List<String> path, Tensor tensor) {
        String name() {
            return String.join(".", path);
        }
    }

    /** The tensors found, and whether containers nested deeper than {@value #MAX_DEPTH} were left unexplored. */
    record Result(List<Found> found, boolean tooDeep) {}

    /** Real checkpoints nest a few levels; paths are copied per level, so depth is bounded to keep that cheap. */
    static final int MAX_DEPTH = 256;

    private TensorWalk() {}

    static Result of(PickleValue root) {
        List<Found> out = new ArrayList<>();
        boolean tooDeep = false;
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[] {root, List.<String>of()});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            PickleValue v = (PickleValue) next[0];
            @SuppressWarnings("unchecked")
            List<String> path = (List<String>) next[1];
            if (v instanceof Tensor t) {
                out.add(new Found(path, t));
                continue;
            }
            if (!(v instanceof Dict || v instanceof Seq || v instanceof Tuple || v instanceof Call) || !seen.add(v)) {
                continue;
            }
            if (path.size() >= MAX_DEPTH) {
                tooDeep = true;
                continue;
            }
            List<Object[]> children = new ArrayList<>();
            children(v, path, children);
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i)); // reversed onto the stack: visited in the pickle's order
            }
        }
        return new Result(out, tooDeep);
    }

    private static void children(PickleValue v, List<String> path, List<Object[]> out) {
        if (v instanceof Dict d) {
            for (int i = 0; i < d.keys().size(); i++) {
                out.add(new Object[] {
                    d.values().get(i), append(path, keyText(d.keys().get(i)))
                });
            }
        } else if (v instanceof Seq s) {
            indexed(s.items(), path, out);
        } else if (v instanceof Tuple t) {
            indexed(t.items(), path, out);
        } else if (v instanceof Call c) {
            for (int i = 0; i < c.args().size(); i++) {
                out.add(new Object[] {
                    c.args().get(i), append(path, "<" + c.callable().name() + ".arg" + i + ">")
                });
            }
            out.add(new Object[] {c.state(), path});
            out.add(new Object[] {c.items(), path});
            indexed(c.appended(), path, out);
        }
    }

    private static void indexed(List<PickleValue> items, List<String> path, List<Object[]> out) {
        for (int i = 0; i < items.size(); i++) {
            out.add(new Object[] {items.get(i), append(path, Integer.toString(i))});
        }
    }

    static String keyText(PickleValue k) {
        if (k instanceof Str s) {
            return s.value();
        }
        if (k instanceof Int i) {
            return Long.toString(i.value());
        }
        return k instanceof PickleValue.Bool b ? (b.value() ? "True" : "False") : "?";
    }

    private static List<String> append(List<String> path, String key) {
        List<String> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(key);
        return p;
    }
}
