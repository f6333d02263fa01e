package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each Keras rule declares the layer classes it serves; Keras 1 names are keys of their Keras 2 rule. */
class KerasRulesKeysTest {
    @Test
    void keras1NamesAreServedByTheirKeras2Rule() {
        assertSame(KerasRules.ruleFor("Conv2D"), KerasRules.ruleFor("Convolution2D"));
        assertSame(KerasRules.ruleFor("Conv2D"), KerasRules.ruleFor("AtrousConvolution2D"));
        assertSame(KerasRules.ruleFor("Conv3DTranspose"), KerasRules.ruleFor("Deconvolution3D"));
        assertSame(KerasRules.ruleFor("SeparableConv1D"), KerasRules.ruleFor("SeparableConvolution1D"));
        assertSame(KerasRules.ruleFor("LSTM"), KerasRules.ruleFor("CuDNNLSTM"));
        assertNull(KerasRules.ruleFor("MyCustomLayer"));
    }

    @Test
    void theProviderRegistersEveryRuleUnderItsOwnKeysWithoutDuplicates() {
        OpRegistry alone = OpRegistry.of(List.of(new KerasRules()));
        for (var rule : new KerasRules().rules()) {
            assertFalse(rule.keys().isEmpty(), rule.getClass() + " declares no keys");
            for (OpKey key : rule.keys()) {
                assertTrue(key.domain().equals(KerasRules.DOMAIN), key.toString());
                assertSame(rule, alone.find(KerasRules.DOMAIN, key.opType(), 1).orElseThrow());
                assertNotNull(KerasRules.ruleFor(key.opType()));
            }
        }
        assertTrue(
                OpRegistry.standard().find(KerasRules.DOMAIN, "Dense", 1).isPresent(), "found through ServiceLoader");
    }
}
