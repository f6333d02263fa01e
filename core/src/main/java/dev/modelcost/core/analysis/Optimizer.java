package dev.modelcost.core.analysis;

import java.util.Locale;

/**
 * Optimizers by the number of parameter-sized state tensors ("slots") they keep between steps, with the
 * defaults of torch.optim / Keras: momentum buffer; Adam's first and second moments; RMSprop's running
 * square (2 with momentum, 3 centred, not modelled); Adagrad's sum of squares; Adadelta's running square
 * and running update. {@link #NONE} computes gradients and never steps.
 */
public enum Optimizer {
    NONE(0),
    SGD(0),
    MOMENTUM(1),
    NESTEROV(1),
    ADAM(2),
    ADAMW(2),
    RMSPROP(1),
    ADAGRAD(1),
    ADADELTA(2);

    private final int slots;

    Optimizer(int slots) {
        this.slots = slots;
    }

    /** Parameter-sized state tensors per trainable parameter tensor. */
    public int slots() {
        return slots;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optimizer fromName(String name) {
        for (Optimizer o : values()) {
            if (o.cliName().equalsIgnoreCase(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "'");
    }
}
