package matcalc.program;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import matcalc.MatcalcError;
import matcalc.numeric.DomainException;
import matcalc.numeric.Evaluator;
import matcalc.numeric.Instance;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Shape;
import matcalc.expr.Var;
import org.hipparchus.linear.RealMatrix;

/**
 * Runs a program forward: every statement's value in order, each with the values before it. Inputs
 * take the values the program gives them unless {@code values} overrides them (a grid point); free
 * variables must be given in {@code values}.
 */
public final class ProgramEvaluator {
    private ProgramEvaluator() {}

    /** The values of all statements, keyed by {@link Program.Statement#label()}, in program order. */
    public static Map<String, RealMatrix> run(Program p, Map<String, RealMatrix> values) {
        Map<String, RealMatrix> known = new HashMap<>(values);
        Map<String, Integer> sizes = new HashMap<>();
        for (Var v : p.free().values()) {
            RealMatrix m = known.get(v.name());
            if (m == null) {
                throw new MatcalcError(MatcalcError.Kind.NUMERIC, "no value for " + v.name() + " (" + v.shape()
                        + "): give it one in the program, e.g. " + example(v));
            }
            bindSizes(v, m, sizes);
        }
        Map<String, RealMatrix> out = new LinkedHashMap<>();
        for (Program.Statement s : p.statements()) {
            RealMatrix v;
            if (s.kind() == Program.Kind.INPUT && known.containsKey(s.name())) {
                v = known.get(s.name());
                Shape sh = s.expr().shape();
                if (v.getRowDimension() != sh.rows().value(sizes) || v.getColumnDimension() != sh.cols().value(sizes)) {
                    throw new MatcalcError(MatcalcError.Kind.SHAPE, "the value given for " + s.name() + " is "
                            + v.getRowDimension() + " x " + v.getColumnDimension() + ", the program's is " + sh);
                }
            } else {
                v = eval(s, new Instance(sizes, known));
            }
            if (s.isBinding()) known.put(s.name(), v);
            out.put(s.label(), v);
        }
        return out;
    }

    public static Map<String, RealMatrix> run(Program p) { return run(p, Map.of()); }

    /** Whether every free variable has a value in values (then {@link #run} can evaluate). */
    public static boolean evaluable(Program p, Map<String, ?> values) {
        return values.keySet().containsAll(p.free().keySet());
    }

    /** One expression at given values (e.g. a gradient formula with adjoints among the values). */
    public static RealMatrix eval(Expr e, Map<String, RealMatrix> values, String what) {
        Map<String, Integer> sizes = new HashMap<>();
        for (Var v : matcalc.numeric.Vars.free(e).values()) {
            RealMatrix m = values.get(v.name());
            if (m == null) throw new MatcalcError(MatcalcError.Kind.NUMERIC, "no value for " + v.name() + " in " + what);
            bindSizes(v, m, sizes);
        }
        try {
            return new Evaluator(new Instance(sizes, values)).eval(e);
        } catch (DomainException ex) {
            throw new MatcalcError(MatcalcError.Kind.NUMERIC, what + " is undefined at the given values: " + ex.getMessage());
        } catch (Evaluator.TooLarge ex) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, what + " is too large to compute: " + ex.getMessage());
        }
    }

    private static RealMatrix eval(Program.Statement s, Instance inst) {
        try {
            return new Evaluator(inst).eval(s.expr());
        } catch (DomainException ex) {
            throw new MatcalcError(MatcalcError.Kind.NUMERIC, s.label() + " is undefined at the given values: " + ex.getMessage(), s.span());
        } catch (Evaluator.TooLarge ex) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, s.label() + " is too large to compute: " + ex.getMessage(), s.span());
        }
    }

    /** Symbolic sizes (n, m, ...) take the sizes of the values given for the variables that have them. */
    private static void bindSizes(Var v, RealMatrix m, Map<String, Integer> sizes) {
        bind(v, v.shape().rows(), m.getRowDimension(), sizes);
        bind(v, v.shape().cols(), m.getColumnDimension(), sizes);
    }

    private static void bind(Var v, Dim d, int actual, Map<String, Integer> sizes) {
        if (d.symbols().size() == 1 && d.coeff() == 1) {
            String s = d.symbols().get(0);
            Integer old = sizes.putIfAbsent(s, actual);
            if (old == null || old == actual) return;
        } else if (d.isFixed() && d.coeff() == actual) {
            return;
        } else if (!d.isFixed() && sizes.keySet().containsAll(d.symbols()) && d.value(sizes) == actual) {
            return;
        }
        throw new MatcalcError(MatcalcError.Kind.SHAPE, "the value given for " + v.name() + " does not fit its shape " + v.shape());
    }

    private static String example(Var v) {
        if (v.shape().isScalar()) return v.name() + " = 1";
        if (v.shape().isColumn()) return v.name() + " = [1; 2; 3]";
        return v.name() + " = [1 2; 3 4]";
    }
}
