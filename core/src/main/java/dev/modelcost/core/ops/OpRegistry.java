package dev.modelcost.core.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Rules by (domain, op type, since-version); the rule for a model is the newest one not newer than its opset.
 * Built from the rules' own key declarations: a key claimed twice, or a rule that declares none, is an error.
 */
public final class OpRegistry {
    private final NavigableMap<OpKey, OpRule> rules;
    private final List<RolePattern> rolePatterns;

    private OpRegistry(NavigableMap<OpKey, OpRule> rules, List<RolePattern> rolePatterns) {
        this.rules = rules;
        this.rolePatterns = rolePatterns;
    }

    /** Built-in rules plus those of every provider on the class path. */
    public static OpRegistry standard() {
        List<OpRuleProvider> providers = new ArrayList<>();
        providers.add(new dev.modelcost.core.ops.rules.BuiltInRules());
        ServiceLoader.load(OpRuleProvider.class, OpRegistry.class.getClassLoader())
                .forEach(providers::add);
        return of(providers);
    }

    /**
     * The rules and role patterns of {@code providers}.
     *
     * @throws IllegalArgumentException when two rules claim one key or a rule declares no key
     */
    public static OpRegistry of(List<? extends OpRuleProvider> providers) {
        TreeMap<OpKey, OpRule> byKey = new TreeMap<>();
        List<RolePattern> patterns = new ArrayList<>();
        for (OpRuleProvider provider : providers) {
            for (OpRule rule : provider.rules()) {
                register(byKey, rule, provider);
            }
            patterns.addAll(provider.rolePatterns());
        }
        return new OpRegistry(byKey, List.copyOf(patterns));
    }

    /** A registry of just these rules (tests, embedders). */
    public static OpRegistry ofRules(List<OpRule> rules) {
        return of(List.of(() -> rules));
    }

    private static void register(TreeMap<OpKey, OpRule> byKey, OpRule rule, OpRuleProvider provider) {
        String from = provider.getClass().getName();
        if (rule.keys().isEmpty()) {
            throw new IllegalArgumentException(rule.getClass().getName() + " from " + from + " declares no keys");
        }
        for (OpKey key : rule.keys()) {
            OpRule earlier = byKey.putIfAbsent(key, rule);
            if (earlier != null) {
                throw new IllegalArgumentException("duplicate operator rule for " + key + ": "
                        + earlier.getClass().getName() + " and "
                        + rule.getClass().getName() + " (from " + from + ")");
            }
        }
    }

    /** The rule for {@code opType} in {@code domain} at {@code opset}; opset ≤ 0 means "newest". */
    public Optional<OpRule> find(String domain, String opType, int opset) {
        int version = opset <= 0 ? Integer.MAX_VALUE : opset;
        Map.Entry<OpKey, OpRule> e = rules.floorEntry(new OpKey(domain, opType, version));
        if (e == null
                || !e.getKey().domain().equals(domain)
                || !e.getKey().opType().equals(opType)) {
            return Optional.empty();
        }
        return Optional.of(e.getValue());
    }

    /** All registrations, sorted; used to generate docs/ops.md. */
    public NavigableMap<OpKey, OpRule> all() {
        return Collections.unmodifiableNavigableMap(rules);
    }

    /** Every provider's role patterns, in provider order. */
    public List<RolePattern> rolePatterns() {
        return rolePatterns;
    }
}
