package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shape and cost rules for Keras layer classes (domain "keras"): each rule declares the class names it serves
 * (Keras 1 names beside their Keras 2 ones). Rules read the layer config the importer puts on the node as
 * attributes; stored weights among a node's inputs are ignored by the shape arithmetic.
 */
public final class KerasRules implements OpRuleProvider {
    public static final String DOMAIN = "keras";
    private static final List<OpRule> RULES = build();
    private static final Map<String, OpRule> BY_CLASS = index(RULES);

    private static List<OpRule> build() {
        List<OpRule> rules = new ArrayList<>(List.of(
                new AttentionRules.Attention(),
                new AttentionRules.MultiHead(),
                new DenseRule(),
                new EmbeddingRule(),
                new KerasGlobalPoolRule(),
                KerasRecurrentRule.gru(),
                KerasRecurrentRule.lstm(),
                KerasRecurrentRule.simpleRnn(),
                KerasSameShapeRule.activations(),
                KerasSameShapeRule.normalizations(),
                KerasSameShapeRule.passThrough(),
                new MergeRule(MergeRule.Kind.CONCAT),
                new MergeRule(MergeRule.Kind.DOT),
                new MergeRule(MergeRule.Kind.ELEMENTWISE),
                new MergeRule(MergeRule.Kind.KERAS1),
                new ReshapeRules.Flatten(),
                new ReshapeRules.Lambda(),
                new ReshapeRules.Permute(),
                new ReshapeRules.RepeatVector(),
                new ReshapeRules.Reshape(),
                new TextVectorizationRule(),
                new TfOpLambdaRule(),
                WrapperRule.bidirectional(KerasRules::ruleFor),
                WrapperRule.timeDistributed(KerasRules::ruleFor)));
        for (int spatial = 1; spatial <= 3; spatial++) {
            rules.add(new ConvLstmRule(spatial));
            rules.add(KerasConvRule.standard(spatial));
            rules.add(new KerasConvTransposeRule(spatial));
            rules.add(new KerasPoolRule(spatial));
            for (ResampleRule.Kind kind : ResampleRule.Kind.values()) {
                rules.add(new ResampleRule(spatial, kind));
            }
        }
        for (int spatial = 1; spatial <= 2; spatial++) {
            rules.add(KerasConvRule.depthwise(spatial));
            rules.add(KerasConvRule.separable(spatial));
        }
        return List.copyOf(rules);
    }

    /** By class name, for the wrappers and the importer (the registry itself refuses duplicates). */
    private static Map<String, OpRule> index(List<OpRule> rules) {
        Map<String, OpRule> byClass = new LinkedHashMap<>();
        for (OpRule rule : rules) {
            rule.keys().forEach(k -> byClass.put(k.opType(), rule));
        }
        return Collections.unmodifiableMap(byClass);
    }

    /** Keys of the "keras" domain for these layer class names. */
    static List<OpKey> layers(String... classNames) {
        return OpKey.each(DOMAIN, 1, classNames);
    }

    /** The rule for a Keras layer class, or null. */
    public static OpRule ruleFor(String className) {
        return BY_CLASS.get(className);
    }

    public static boolean hasRule(String className) {
        return BY_CLASS.containsKey(className);
    }

    @Override
    public List<OpRule> rules() {
        return RULES;
    }
}
