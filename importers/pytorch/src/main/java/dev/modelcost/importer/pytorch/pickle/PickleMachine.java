package dev.modelcost.importer.pytorch.pickle;

import dev.modelcost.importer.pytorch.pickle.PickleValue.Dict;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Global;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Seq;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Str;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A pickle reader that cannot import or call anything: it understands the opcodes of protocols 0 to 5 and builds
 * {@link PickleValue}s. GLOBAL yields a name; REDUCE and NEWOBJ of a name yield an inert {@link PickleValue.Call},
 * except for the torch rebuild functions and OrderedDict, which {@link Rebuilds} interprets as data. Every name the
 * pickle refers to is recorded for the report. Out-of-band buffers and the extension registry are refused.
 */
public final class PickleMachine {
    private static final int TEXT_BYTES = 4096;

    private final PickleInput in;
    private final long maxOps;
    private final List<PickleValue> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, PickleValue> memo = new HashMap<>();
    private final Rebuilds rebuilds = new Rebuilds();
    private long ops;

    private final Function<PickleValue, PickleValue> persistentIds;

    /** A reader whose persistent ids are torch's storage tuples (the zip and legacy stream layouts). */
    public PickleMachine(PickleInput in, long maxOps) {
        this(in, maxOps, null);
    }

    /**
     * A reader whose persistent ids {@code persistentIds} resolves (the tar layout names tensors it stored apart); it
     * returns null for an id it does not know, which then becomes an inert value.
     */
    public PickleMachine(PickleInput in, long maxOps, Function<PickleValue, PickleValue> persistentIds) {
        this.in = in;
        this.maxOps = maxOps;
        this.persistentIds = persistentIds;
    }

    private PickleValue persistent(PickleValue pid) throws PickleException {
        PickleValue resolved = persistentIds == null ? null : persistentIds.apply(pid);
        return resolved != null ? resolved : rebuilds.persistent(pid);
    }

    /** Runs to STOP and returns the pickled value. */
    public PickleValue load() throws IOException {
        while (true) {
            if (++ops > maxOps) {
                throw new PickleException("more than " + maxOps + " pickle opcodes (the limit)");
            }
            long at = in.position();
            int op = in.u8();
            if (op == '.') {
                return pop();
            }
            if (!Scalars.push(op, in, this) && !containers(op) && !objects(op, at)) {
                throw new PickleException("pickle opcode 0x" + Integer.toHexString(op) + " at byte " + at
                        + (op >= 0x82 && op <= 0x84
                                ? " (the extension registry) is not read"
                                : op == 0x97 || op == 0x98
                                        ? " (an out-of-band buffer) is not read"
                                        : " is not a pickle opcode"));
            }
        }
    }

    /** Every module.name the pickle referred to, with how often. */
    public Map<String, Integer> globals() {
        return rebuilds.globals();
    }

    void push(PickleValue v) {
        stack.add(v);
    }

    private PickleValue pop() throws PickleException {
        if (stack.isEmpty()) {
            throw new PickleException("the pickle pops an empty stack at byte " + in.position());
        }
        return stack.remove(stack.size() - 1);
    }

    private PickleValue top() throws PickleException {
        if (stack.isEmpty()) {
            throw new PickleException("the pickle reads an empty stack at byte " + in.position());
        }
        return stack.get(stack.size() - 1);
    }

    /** The values pushed since the last MARK, removed from the stack. */
    private List<PickleValue> popToMark() throws PickleException {
        if (marks.isEmpty()) {
            throw new PickleException("the pickle closes a MARK it never opened at byte " + in.position());
        }
        int from = marks.remove(marks.size() - 1);
        if (from > stack.size()) {
            throw new PickleException("the pickle's MARK lies above its stack at byte " + in.position());
        }
        List<PickleValue> items = new ArrayList<>(stack.subList(from, stack.size()));
        stack.subList(from, stack.size()).clear();
        return items;
    }

    private boolean containers(int op) throws IOException {
        switch (op) {
            case '(' -> marks.add(stack.size());
            case '0' -> pop();
            case '1' -> popToMark();
            case '2' -> push(top());
            case ']' -> push(Seq.list());
            case 'l' -> push(new Seq(new ArrayList<>(popToMark()), "list"));
            case 'a' -> append(List.of(pop()));
            case 'e' -> append(popToMark());
            case ')' -> push(new Tuple(List.of()));
            case 't' -> push(new Tuple(popToMark()));
            case 0x85 -> push(new Tuple(List.of(pop())));
            case 0x86 -> tuple(2);
            case 0x87 -> tuple(3);
            case '}' -> push(Dict.empty());
            case 'd' -> {
                Dict d = Dict.empty();
                setItems(d, popToMark());
                push(d);
            }
            case 's' -> {
                PickleValue v = pop();
                PickleValue k = pop();
                setItems(top(), List.of(k, v));
            }
            case 'u' -> {
                List<PickleValue> kv = popToMark();
                setItems(top(), kv);
            }
            case 0x8f -> push(new Seq(new ArrayList<>(), "set"));
            case 0x90 -> {
                List<PickleValue> items = popToMark();
                if (top() instanceof Seq s) {
                    s.items().addAll(items);
                }
            }
            case 0x91 -> push(new Seq(new ArrayList<>(popToMark()), "frozenset"));
            case 'p' -> memo.put(parseIndex(in.line(TEXT_BYTES)), top());
            case 'q' -> memo.put(in.le(1), top());
            case 'r' -> memo.put(in.le(4), top());
            case 0x94 -> memo.put((long) memo.size(), top());
            case 'g' -> push(memoGet(parseIndex(in.line(TEXT_BYTES))));
            case 'h' -> push(memoGet(in.le(1)));
            case 'j' -> push(memoGet(in.le(4)));
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean objects(int op, long at) throws IOException {
        switch (op) {
            case 'c' -> push(rebuilds.global(in.line(TEXT_BYTES), in.line(TEXT_BYTES)));
            case 0x93 -> {
                PickleValue name = pop();
                PickleValue module = pop();
                push(rebuilds.global(text(module), text(name)));
            }
            case 'R' -> {
                PickleValue args = pop();
                push(rebuilds.call(pop(), args instanceof Tuple t ? t.items() : List.of(args), at));
            }
            case 0x81 -> {
                PickleValue args = pop();
                push(rebuilds.call(pop(), args instanceof Tuple t ? t.items() : List.of(args), at));
            }
            case 0x92 -> {
                pop(); // keyword arguments: kept by no class this reader builds
                PickleValue args = pop();
                push(rebuilds.call(pop(), args instanceof Tuple t ? t.items() : List.of(args), at));
            }
            case 'i' -> {
                Global g = rebuilds.global(in.line(TEXT_BYTES), in.line(TEXT_BYTES));
                push(rebuilds.call(g, popToMark(), at));
            }
            case 'o' -> {
                List<PickleValue> items = popToMark();
                if (items.isEmpty()) {
                    throw new PickleException("OBJ without a class at byte " + at);
                }
                push(rebuilds.call(items.get(0), items.subList(1, items.size()), at));
            }
            case 'b' -> {
                PickleValue state = pop();
                // A dict's BUILD state is its attributes (a state_dict's _metadata), not items; kept only on calls.
                if (top() instanceof PickleValue.Call c) {
                    c.setState(state);
                }
            }
            case 'P' -> push(persistent(new Str(in.line(TEXT_BYTES))));
            case 'Q' -> push(persistent(pop()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void tuple(int n) throws PickleException {
        PickleValue[] items = new PickleValue[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        push(new Tuple(List.of(items)));
    }

    private void append(List<PickleValue> items) throws PickleException {
        PickleValue target = top();
        if (target instanceof Seq s) {
            s.items().addAll(items);
        } else if (target instanceof PickleValue.Call c) {
            c.appended().addAll(items);
        }
    }

    private static void setItems(PickleValue target, List<PickleValue> kv) throws PickleException {
        if (kv.size() % 2 != 0) {
            throw new PickleException("a dict gets an odd number of keys and values");
        }
        Dict d = target instanceof Dict x ? x : target instanceof PickleValue.Call c ? c.items() : null;
        if (d == null) {
            return; // items set on a value that is not a mapping: nothing to keep
        }
        for (int i = 0; i < kv.size(); i += 2) {
            d.put(kv.get(i), kv.get(i + 1));
        }
    }

    private PickleValue memoGet(long index) throws PickleException {
        PickleValue v = memo.get(index);
        if (v == null) {
            throw new PickleException("the pickle reads memo entry " + index + ", which it never stored");
        }
        return v;
    }

    private static long parseIndex(String text) throws PickleException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new PickleException("a memo index '" + text + "' is not a number");
        }
    }

    static String text(PickleValue v) throws PickleException {
        if (v instanceof Str s) {
            return s.value();
        }
        throw new PickleException("a module or class name is not a string");
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
