package matcalc.symja;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import matcalc.MatcalcError;
import matcalc.expr.Add;
import matcalc.expr.Apply;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Mul;
import matcalc.expr.Num;
import matcalc.expr.Pow;
import matcalc.expr.Var;
import matcalc.simplify.Strategy;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Scalar algebra through Symja for expressions whose every variable is a scalar: the expression is
 * built with Symja's factory (no text is parsed), evaluated, and read back into our IR.
 */
public final class LogExpansion {
    static { SymjaSetup.ensure(); } // before Symja's factory loads

    private final Map<String, ISymbol> symbols = new HashMap<>();
    private final Map<ISymbol, Var> vars = new HashMap<>();

    private LogExpansion() {}

    /** Whether the expression is scalar all through and made only of what Symja can take. */
    public static boolean applies(Expr e) {
        if (!e.isScalar()) return false;
        if (e instanceof Num || e instanceof Var) return true;
        if (!(e instanceof Add || e instanceof Mul || e instanceof Pow || e instanceof Apply)) return false;
        if (e instanceof Apply a && (a.fn() == Fn.RELU || a.fn() == Fn.STEP)) return false;
        for (Expr c : e.children()) if (!applies(c)) return false;
        return true;
    }

    /**
     * Logarithms of products and powers expanded (Symja's PowerExpand: log(a b) = log a + log b,
     * log(exp u) = u, valid where the logarithms' arguments are positive), then the logarithms with
     * coefficient 1 gathered again into one, written first: -log(1/(2 b) exp(-|y - mu|/b)) =
     * log(2 b) + |y - mu|/b. Each term is simplified; their order is kept.
     */
    public static Expr expandLogs(Expr e) {
        LogExpansion a = new LogExpansion();
        IExpr r = Symja.get().eval(F.PowerExpand(a.to(e)));
        if (!r.isPlus()) return Strategy.FULL.apply(a.from(r));
        List<IExpr> logs = new ArrayList<>(), rest = new ArrayList<>();
        for (IExpr t : (IAST) r) (t.isLog() ? logs : rest).add(t);
        List<Expr> terms = new ArrayList<>();
        if (logs.size() >= 2) {
            IExpr product = F.C1;
            for (IExpr l : logs) product = F.Times(product, ((IAST) l).arg1());
            terms.add(Strategy.FULL.apply(new Apply(Fn.LOG, a.from(Symja.get().eval(product)))));
        } else {
            rest.addAll(0, logs);
        }
        for (IExpr t : rest) terms.add(Strategy.FULL.apply(a.from(t)));
        return terms.size() == 1 ? terms.get(0) : new Add(terms);
    }

    private IExpr to(Expr e) {
        if (e instanceof Num n) return ToSymja.number(n.value());
        if (e instanceof Var v) {
            return symbols.computeIfAbsent(v.name(), k -> {
                ISymbol s = ToSymja.symbol(k);
                vars.put(s, v);
                return s;
            });
        }
        if (e instanceof Add a) {
            IExpr s = F.C0;
            for (Expr t : a.terms()) s = F.Plus(s, to(t));
            return s;
        }
        if (e instanceof Mul m) {
            IExpr p = F.C1;
            for (Expr f : m.factors()) p = F.Times(p, to(f));
            return p;
        }
        if (e instanceof Pow p) return F.Power(to(p.base()), to(p.exponent()));
        if (e instanceof Apply a) return ToSymja.apply(a.fn(), to(a.arg()));
        throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "no scalar algebra for " + e.opName());
    }

    private Expr from(IExpr e) {
        if (e instanceof IInteger || e instanceof IFraction) return new Num(FromSymja.rational(e));
        if (e instanceof ISymbol s) {
            Var v = vars.get(s);
            if (v != null) return v;
            if (s.equals(S.E)) return new Apply(Fn.EXP, Num.ONE);
            throw new MatcalcError(MatcalcError.Kind.MISSING_RULE, "cannot read Symja's result back: " + e);
        }
        if (e.isPlus()) {
            List<Expr> terms = new ArrayList<>();
            for (IExpr a : (IAST) e) terms.add(from(a));
            return new Add(terms);
        }
        if (e.isTimes()) {
            List<Expr> fs = new ArrayList<>();
            for (IExpr a : (IAST) e) fs.add(from(a));
            return Mul.of(fs);
        }
        if (e.isPower()) {
            if (e.base().equals(S.E)) return new Apply(Fn.EXP, from(e.exponent()));
            return new Pow(from(e.base()), from(e.exponent()));
        }
        if (e.isAST() && ((IAST) e).argSize() == 1) {
            Fn fn = FromSymja.function(e.head());
            if (fn != null) return new Apply(fn, from(((IAST) e).arg1()));
        }
        throw new MatcalcError(MatcalcError.Kind.MISSING_RULE, "cannot read Symja's result back: " + e);
    }
}
