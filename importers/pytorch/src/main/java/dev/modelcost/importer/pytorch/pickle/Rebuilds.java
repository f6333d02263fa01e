package dev.modelcost.importer.pytorch.pickle;

import dev.modelcost.importer.pytorch.pickle.PickleValue.Dict;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Global;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Int;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Storage;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Str;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Tensor;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Tuple;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The handful of calls torch.save's pickles make, read as data: _rebuild_tensor(_v2) gives a tensor,
 * _rebuild_parameter(_with_state) marks one as a parameter, _rebuild_from_type_v2 unwraps a tensor subclass,
 * OrderedDict() is an empty dict, and a persistent id ('storage', type, key, location, elements[, view]) is a storage.
 * Any other call becomes an inert {@link PickleValue.Call}; nothing is looked up or run.
 */
final class Rebuilds {
    private final Map<String, Integer> globals = new TreeMap<>();

    Map<String, Integer> globals() {
        return globals;
    }

    Global global(String module, String name) {
        Global g = new Global(module, name);
        globals.merge(g.qualifiedName(), 1, Integer::sum);
        return g;
    }

    PickleValue call(PickleValue callable, List<PickleValue> args, long at) throws PickleException {
        if (!(callable instanceof Global g)) {
            throw new PickleException("a call at byte " + at + " of something that is not a named callable");
        }
        switch (g.qualifiedName()) {
            case "collections.OrderedDict", "builtins.dict" -> {
                return Dict.empty();
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                return tensor(args, at);
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                if (!args.isEmpty() && args.get(0) instanceof Tensor t) {
                    return t.asParameter();
                }
            }
            case "torch._tensor._rebuild_from_type_v2" -> {
                if (args.size() >= 3 && args.get(2) instanceof Tuple inner) {
                    return call(args.get(0), inner.items(), at);
                }
            }
            default -> {}
        }
        return new PickleValue.Call(g, args);
    }

    private static PickleValue tensor(List<PickleValue> args, long at) throws PickleException {
        if (args.size() < 4
                || !(args.get(0) instanceof Storage s)
                || !(args.get(1) instanceof Int offset)
                || !(args.get(2) instanceof Tuple size)
                || !(args.get(3) instanceof Tuple stride)) {
            throw new PickleException("a tensor rebuild at byte " + at + " lacks (storage, offset, size, stride)");
        }
        return new Tensor(s, offset.value(), longs(size, at), longs(stride, at), false);
    }

    private static long[] longs(Tuple t, long at) throws PickleException {
        long[] out = new long[t.items().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.items().get(i) instanceof Int v) || v.wide()) {
                throw new PickleException("a tensor size or stride at byte " + at + " is not an integer");
            }
            out[i] = v.value();
        }
        return out;
    }

    /** A storage for ('storage', type, key, location, elements[, (view key, offset, elements)]), else an inert value. */
    PickleValue persistent(PickleValue pid) throws PickleException {
        if (!(pid instanceof Tuple t)
                || t.items().size() < 5
                || !(t.items().get(0) instanceof Str tag)
                || !tag.value().equals("storage")) {
            return new PickleValue.Call(global("(persistent id)", "unknown"), List.of(pid));
        }
        List<PickleValue> p = t.items();
        String type = p.get(1) instanceof Global g ? g.name() : p.get(1) instanceof Str s ? s.value() : "?";
        if (!(p.get(4) instanceof Int elements) || elements.wide() || elements.value() < 0) {
            throw new PickleException("storage '" + key(p.get(2)) + "' declares no element count");
        }
        long viewOffset = 0;
        if (p.size() > 5
                && p.get(5) instanceof Tuple view
                && view.items().size() >= 2
                && view.items().get(1) instanceof Int off) {
            viewOffset = off.value();
        }
        return new Storage(
                type, key(p.get(2)), p.get(3) instanceof Str loc ? loc.value() : "", elements.value(), viewOffset);
    }

    private static String key(PickleValue v) {
        if (v instanceof Str s) {
            return s.value();
        }
        return v instanceof Int i ? Long.toString(i.value()) : "?";
    }
}
