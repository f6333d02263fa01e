package dev.modelcost.core.ops;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Rules by (domain, op type, since-version); the rule for a model is the newest one not newer than its opset. */
public final class OpRegistry {
    private final NavigableMap<OpKey, OpRule> rules;

    private OpRegistry(NavigableMap<OpKey, OpRule> rules) { this.rules = rules; }

    /** Built-in rules plus those of every provider on the class path. */
    public static OpRegistry standard() {
        TreeMap<OpKey, OpRule> all = new TreeMap<>(new dev.modelcost.core.ops.rules.BuiltInRules().rules());
        for (OpRuleProvider p : ServiceLoader.load(OpRuleProvider.class, OpRegistry.class.getClassLoader())) {
            all.putAll(p.rules());
        }
        return new OpRegistry(all);
    }

    public static OpRegistry of(Map<OpKey, OpRule> rules) { return new OpRegistry(new TreeMap<>(rules)); }

    /** The rule for {@code opType} in {@code domain} at {@code opset}; opset ≤ 0 means "newest". */
    public Optional<OpRule> find(String domain, String opType, int opset) {
        int version = opset <= 0 ? Integer.MAX_VALUE : opset;
        Map.Entry<OpKey, OpRule> e = rules.floorEntry(new OpKey(domain, opType, version));
        if (e == null || !e.getKey().domain().equals(domain) || !e.getKey().opType().equals(opType)) {
            return Optional.empty();
        }
        return Optional.of(e.getValue());
    }

    /** All registrations, sorted; used to generate docs/ops.md. */
    public NavigableMap<OpKey, OpRule> all() { return java.util.Collections.unmodifiableNavigableMap(rules); }
}
