package dev.modelcost.core.ops;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator's layout. docs/ops.md itself is generated from every provider (ONNX, Keras, DL4J) and checked for
 * staleness where all of them are on the class path: the CLI module's OpsDocsTest.
 */
class OpsDocumentTest {
    private record Frob(List<OpKey> keys) implements OpRule {
        @Override
        public void infer(InferenceContext ctx) {}

        @Override
        public String shapeRule() {
            return "same as | input 0";
        }
    }

    @Test
    void eachOperatorIsOneRowWithItsVersionsUnderItsDomain() {
        OpRegistry r = OpRegistry.ofRules(List.of(
                new Frob(List.of(OpKey.onnx("Frob"), OpKey.onnx("Frob", 13))),
                new Frob(List.of(new OpKey("keras", "Frobber", 1)))));
        String md = OpsDocument.markdown(r);
        assertTrue(md.contains("## ai.onnx (default domain)"), md);
        assertTrue(md.contains("| Frob | 1, 13 | same as \\| input 0 | 0 MACs (none counted) |"), md);
        assertTrue(md.contains("## keras (Keras layer classes)"), md);
        assertTrue(md.contains("| Frobber | 1 |"), md);
        assertTrue(md.contains(OpsDocument.REGENERATE), md);
    }

    @Test
    void theBuiltInRolePatternsAreListed() {
        String md = OpsDocument.markdown(OpRegistry.of(List.of(new dev.modelcost.core.ops.rules.BuiltInRules())));
        assertTrue(md.contains("## Parameter roles from graph patterns"), md);
        assertTrue(md.contains("MatMul by a stored [K, N] weight"), md);
        assertTrue(md.contains("InstanceNormalization"), md);
    }
}
