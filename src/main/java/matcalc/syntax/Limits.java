package matcalc.syntax;

import matcalc.MatcalcError;
import matcalc.Span;

/**
 * Input limits checked on the syntax tree, before any typing or calculus: derivatives grow with the
 * nesting depth and with the square of a product's length (d(x1 x2 ... xk) has k terms of k
 * factors), so these two bound the work by the input's size. A refusal names the limit and points
 * at the first place that exceeds it. Sums are not limited (they stay linear; the length is).
 */
public final class Limits {
    /**
     * Operations nested inside each other: calls, signs, transposes and powers; a chain of one
     * operator is one level. A network layer tanh(W h + b) is three levels, so this admits 100-layer
     * networks with biases (301 levels) and 199 without; brackets (250 deep) bound calls anyway.
     * It was 100 while a deep result was printed (and simplified) as a tree: quadratic in the depth.
     */
    public static final int MAX_DEPTH = 400;
    /** Factors in one product (*, /, .*, ./, ⊗ or juxtaposition). */
    public static final int MAX_FACTORS = 100;

    /**
     * Names, numbers and operations in one expression: the work after parsing is at least linear in
     * it with a large constant (a 14,000-term sum of traces took 6 s), so it is bounded too.
     */
    public static final int MAX_NODES = 25_000;

    private Limits() {}

    public static void check(Ast a) { new Limits.Walk().depth(a, 0); }

    private static final class Walk {
        private int nodes;

        private void count(Ast a) {
            if (++nodes > MAX_NODES) {
                throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "expression has more than " + MAX_NODES
                        + " names, numbers and operations", Span.at(a.span().start()));
            }
        }

        private int depth(Ast a, int level) {
            count(a);
            if (level > MAX_DEPTH) {
                throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "expression is nested more than " + MAX_DEPTH
                        + " operations deep", Span.at(a.span().start()));
            }
            if (a instanceof Ast.Binary b) return chain(b, level);
            if (a instanceof Ast.Call c) {
                int d = level;
                for (Ast arg : c.args()) d = Math.max(d, depth(arg, level + 1));
                return d;
            }
            if (a instanceof Ast.Negate n) return depth(n.arg(), level + 1);
            if (a instanceof Ast.Prime p) return depth(p.arg(), level + 1);
            if (a instanceof Ast.Power p) return Math.max(depth(p.base(), level + 1), depth(p.exponent(), level + 1));
            if (a instanceof Ast.ElemPower p) return Math.max(depth(p.base(), level + 1), depth(p.exponent(), level + 1));
            if (a instanceof Ast.Index ix) {
                int d = Math.max(depth(ix.base(), level + 1), depth(ix.row(), level + 1));
                return ix.col() == null ? d : Math.max(d, depth(ix.col(), level + 1));
            }
            return level; // names, numbers, matrix literals
        }

        /** A left-leaning chain of sums or of products is walked in a loop (20,000 terms must not recurse 20,000 deep). */
        private int chain(Ast.Binary top, int level) {
            boolean sum = isSum(top.op());
            int d = level;
            int factors = 1;
            Ast a = top;
            while (a instanceof Ast.Binary b && isSum(b.op()) == sum) {
                count(b);
                d = Math.max(d, depth(b.right(), level + 1));
                factors++;
                if (!sum && factors > MAX_FACTORS) {
                    throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "a product of more than " + MAX_FACTORS
                            + " factors is too long to differentiate", b.opSpan());
                }
                a = b.left();
            }
            return Math.max(d, depth(a, level + 1));
        }

        private static boolean isSum(Ast.BinOp op) { return op == Ast.BinOp.ADD || op == Ast.BinOp.SUB; }
    }
}
