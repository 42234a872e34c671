package matcalc.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import matcalc.expr.*;

/**
 * Hash-consing of expressions: every structurally equal subexpression gets one id, whichever tree it
 * came from (the value, the gradients and the Hessians share one DAG). A node's key is its type,
 * its own fields and its children's ids, so interning is linear in the number of nodes; a record's
 * own hashCode would walk the whole subtree at every node.
 */
final class Dag {
    private record Key(Class<?> type, Object local, List<Integer> children) {}

    private final Map<Expr, Integer> byIdentity = new IdentityHashMap<>();
    private final Map<Key, Integer> byKey = new HashMap<>();
    private final List<Expr> nodes = new ArrayList<>();

    /**
     * The id of e's class of equal expressions, interning it (and its subtrees) if new. Iterative,
     * children first: inputs nested thousands deep (- - - x) need no deep stack.
     */
    int id(Expr e) {
        Integer known = byIdentity.get(e);
        if (known != null) return known;
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Expr top = todo.peek();
            if (byIdentity.containsKey(top)) {
                todo.pop();
                continue;
            }
            boolean ready = true;
            for (Expr c : top.children()) {
                if (!byIdentity.containsKey(c)) {
                    todo.push(c);
                    ready = false;
                }
            }
            if (!ready) continue;
            todo.pop();
            List<Integer> cs = new ArrayList<>(top.children().size());
            for (Expr c : top.children()) cs.add(byIdentity.get(c));
            Key key = new Key(top.getClass(), top.accept(LOCAL), List.copyOf(cs));
            Integer id = byKey.get(key);
            if (id == null) {
                id = nodes.size();
                nodes.add(top);
                byKey.put(key, id);
            }
            byIdentity.put(top, id);
        }
        return byIdentity.get(e);
    }

    /** The representative expression of an id (the first one interned); null for a reserved id. */
    Expr expr(int id) { return nodes.get(id); }

    /** A new id for a value that is no expression (an intermediate of a product). */
    int reserve() {
        nodes.add(null);
        return nodes.size() - 1;
    }

    /** A node's own fields, the part of its identity that is not its children. */
    private static final ExprVisitor<Object> LOCAL = new ExprVisitor<>() {
        public Object visitNum(Num e) { return e.value(); }
        // One name is one Python variable; its declared structure does not change its value.
        public Object visitVar(Var e) { return List.of(e.name(), e.shape()); }
        public Object visitDVar(DVar e) { return e.var().name(); }
        public Object visitIdentity(Identity e) { return e.n(); }
        public Object visitOnes(Ones e) { return e.shape(); }
        public Object visitZero(Zero e) { return e.shape(); }
        public Object visitMatrixLiteral(MatrixLiteral e) { return e.rows(); }
        public Object visitCommutation(Commutation e) { return List.of(e.m(), e.n()); }
        public Object visitUnitVector(UnitVector e) { return List.of(e.n(), e.index()); }
        public Object visitAdd(Add e) { return ""; }
        public Object visitMul(Mul e) { return ""; }
        public Object visitTranspose(Transpose e) { return ""; }
        public Object visitInverse(Inverse e) { return ""; }
        public Object visitMatPow(MatPow e) { return e.n(); }
        public Object visitPow(Pow e) { return ""; }
        public Object visitHadamard(Hadamard e) { return ""; }
        public Object visitElemPow(ElemPow e) { return ""; }
        public Object visitApply(Apply e) { return e.fn(); }
        public Object visitMax(Max e) { return ""; }
        public Object visitSoftmax(Softmax e) { return ""; }
        public Object visitTrace(Trace e) { return ""; }
        public Object visitDet(Det e) { return ""; }
        public Object visitLogDet(LogDet e) { return ""; }
        public Object visitSum(Sum e) { return ""; }
        public Object visitNorm(Norm e) { return e.p(); }
        public Object visitDiag(Diag e) { return ""; }
        public Object visitDiagOf(DiagOf e) { return ""; }
        public Object visitVec(Vec e) { return ""; }
        public Object visitKron(Kron e) { return ""; }
        public Object visitEntry(Entry e) { return List.of(e.row(), e.col()); }
        // operators are singletons (one instance per size or declared function): identity suffices
        public Object visitCall(Call e) { return e.op(); }
        public Object visitDerivative(matcalc.expr.Derivative e) { return List.of(e.kind(), e.shape()); }
    };
}
