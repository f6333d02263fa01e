package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Multiply-accumulates of a graph's nodes, counted by their rules against a finished inference: the one MAC count,
 * for the main graph's table and totals and for a subgraph body's total.
 */
final class MacCount {

    /**
     * @param perStepMacs    each node's MACs in schedule order, empty where unknown
     * @param totalMacs      the sum of the known ones
     * @param complete       false when some are unknown (the total is then a lower bound)
     * @param cannotTell     for each node whose rule could not tell, where and why
     */
    record Result(List<OptionalLong> perStepMacs, long totalMacs, boolean complete, List<String> cannotTell) {
        Result {
            perStepMacs = List.copyOf(perStepMacs);
            cannotTell = List.copyOf(cannotTell);
        }
    }

    private MacCount() {}

    /** Every node of the inferred graph. */
    static Result of(GraphInference inferred) {
        List<OptionalLong> perStep = new ArrayList<>();
        List<String> cannotTell = new ArrayList<>();
        long total = 0;
        boolean complete = true;
        for (Node n : inferred.schedule.all()) {
            OptionalLong m = ofNode(n, inferred, cannotTell);
            perStep.add(m);
            if (m.isPresent()) {
                total = Math.addExact(total, m.getAsLong());
            } else {
                complete = false;
            }
        }
        return new Result(perStep, total, complete, cannotTell);
    }

    /**
     * The total of a subgraph body, or empty as soon as one node's count is unknown: an incomplete body total is
     * not used, and stopping there spares the nested runs of the nodes after it.
     */
    static OptionalLong totalOf(GraphInference body) {
        long total = 0;
        List<String> ignored = new ArrayList<>();
        for (Node n : body.schedule.all()) {
            OptionalLong m = ofNode(n, body, ignored);
            if (m.isEmpty()) {
                return OptionalLong.empty();
            }
            total = Math.addExact(total, m.getAsLong());
        }
        return OptionalLong.of(total);
    }

    /**
     * One node's MACs; empty for an unknown operator, or where its rule cannot tell or its count passes 2^63 - 1
     * (then said in {@code cannotTell}).
     */
    private static OptionalLong ofNode(Node n, GraphInference inferred, List<String> cannotTell) {
        int opset = inferred.graph.opsetFor(n.domain());
        Optional<OpRule> rule = inferred.registry.find(n.domain(), n.opType(), opset);
        if (rule.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return rule.get().macs(new NodeView(n, opset, inferred));
        } catch (RuleCannotTell e) {
            cannotTell.add(ShapeInference.where(n) + ": cannot count MACs: " + e.getMessage());
            return OptionalLong.empty();
        } catch (ArithmeticException e) {
            // Dimensions that each fit can still multiply past 2^63: that node's count is unknown, not the file bad.
            cannotTell.add(ShapeInference.where(n) + ": cannot count MACs: too large to total in 64 bits");
            return OptionalLong.empty();
        }
    }
}
