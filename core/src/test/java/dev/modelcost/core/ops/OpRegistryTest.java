package dev.modelcost.core.ops;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.analysis.ParameterRoles;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry is built from the keys rules declare, refuses a key claimed twice, and carries the role patterns. */
class OpRegistryTest {
    /** A rule that serves the given keys and does nothing else. */
    private record Serving(List<OpKey> keys) implements OpRule {
        @Override
        public void infer(InferenceContext ctx) {}
    }

    private static OpRuleProvider provider(OpRule... rules) {
        return () -> List.of(rules);
    }

    @Test
    void aRuleIsFoundUnderEachKeyItDeclaresFromItsSinceVersionOn() {
        OpRule old = new Serving(List.of(OpKey.onnx("Frob")));
        OpRule newer = new Serving(List.of(OpKey.onnx("Frob", 13), new OpKey("x.y", "Frob", 1)));
        OpRegistry r = OpRegistry.of(List.of(provider(old, newer)));
        assertSame(old, r.find("", "Frob", 12).orElseThrow());
        assertSame(newer, r.find("", "Frob", 13).orElseThrow());
        assertSame(newer, r.find("", "Frob", 0).orElseThrow(), "opset 0 means the newest");
        assertSame(newer, r.find("x.y", "Frob", 7).orElseThrow());
        assertTrue(r.find("", "Frobnicate", 13).isEmpty());
    }

    @Test
    void aProviderCannotOverrideABuiltInRule() {
        OpRuleProvider rogue = provider(new Serving(List.of(OpKey.onnx("Conv"))));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> OpRegistry.of(List.of(new dev.modelcost.core.ops.rules.BuiltInRules(), rogue)));
        assertTrue(e.getMessage().contains("Conv-1"), e.getMessage());
    }

    @Test
    void twoRulesOfOneProviderCannotClaimOneKey() {
        OpRuleProvider p = provider(
                new Serving(List.of(OpKey.onnx("A"), OpKey.onnx("B", 7))), new Serving(List.of(OpKey.onnx("B", 7))));
        assertThrows(IllegalArgumentException.class, () -> OpRegistry.of(List.of(p)));
    }

    @Test
    void aRegisteredRuleMustDeclareAKey() {
        OpRule keyless = ctx -> {};
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OpRegistry.ofRules(List.of(keyless)));
        assertTrue(e.getMessage().contains("declares no keys"), e.getMessage());
    }

    @Test
    void theBuiltInRulesHaveNoDuplicateKeysAndEachStatesItsShapeRule() {
        OpRegistry r = OpRegistry.of(List.of(new dev.modelcost.core.ops.rules.BuiltInRules()));
        assertFalse(r.all().isEmpty());
        r.all().forEach((k, rule) -> assertFalse(rule.shapeRule().isBlank(), k + " has no shape rule text"));
        // QLinearConv is one rule class for both domains: its bias (input 8) and weight (input 3) roles agree.
        OpRule onnx = r.find("", "QLinearConv", 10).orElseThrow();
        OpRule ms = r.find("com.microsoft", "QLinearConv", 1).orElseThrow();
        assertEquals(TensorRole.WEIGHT, onnx.roleOfInput(3));
        assertEquals(TensorRole.BIAS, onnx.roleOfInput(8));
        assertEquals(ms.getClass(), onnx.getClass());
        for (int i = 0; i < 9; i++) {
            assertEquals(onnx.roleOfInput(i), ms.roleOfInput(i), "input " + i);
        }
    }

    @Test
    void aProvidersRolePatternIsAppliedToEveryGraph() {
        RolePattern everythingIsStatistic = new RolePattern() {
            @Override
            public void suggest(Graph graph, Map<String, TensorRole> suggested) {
                graph.tensors().keySet().forEach(t -> suggested.putIfAbsent(t, TensorRole.NORM_STATISTIC));
            }

            @Override
            public String description() {
                return "test";
            }
        };
        OpRuleProvider p = new OpRuleProvider() {
            @Override
            public List<OpRule> rules() {
                return List.of(new Serving(List.of(OpKey.onnx("Frob"))));
            }

            @Override
            public List<RolePattern> rolePatterns() {
                return List.of(everythingIsStatistic);
            }
        };
        Graph g = new TinyGraph()
                .input("x", 1, 4)
                .weight("w", 4)
                .node("Frob", List.of("x", "w"), "y")
                .output("y")
                .build();
        OpRegistry r = OpRegistry.of(List.of(p));
        assertEquals(List.of(everythingIsStatistic), r.rolePatterns());
        assertEquals(
                TensorRole.NORM_STATISTIC, ParameterRoles.resolve(g, r).get("w").declaredRole());
    }
}
