package matcalc.expr;

/** One method per node type; stages (evaluate, render, simplify) implement it. */
public interface ExprVisitor<R> {
    R visitNum(Num e);
    R visitVar(Var e);
    R visitDVar(DVar e);
    R visitIdentity(Identity e);
    R visitOnes(Ones e);
    R visitZero(Zero e);
    R visitMatrixLiteral(MatrixLiteral e);
    R visitCommutation(Commutation e);
    R visitUnitVector(UnitVector e);
    R visitAdd(Add e);
    R visitMul(Mul e);
    R visitTranspose(Transpose e);
    R visitInverse(Inverse e);
    R visitMatPow(MatPow e);
    R visitPow(Pow e);
    R visitHadamard(Hadamard e);
    R visitElemPow(ElemPow e);
    R visitApply(Apply e);
    R visitMax(Max e);
    R visitSoftmax(Softmax e);
    R visitTrace(Trace e);
    R visitDet(Det e);
    R visitLogDet(LogDet e);
    R visitSum(Sum e);
    R visitNorm(Norm e);
    R visitDiag(Diag e);
    R visitDiagOf(DiagOf e);
    R visitVec(Vec e);
    R visitKron(Kron e);
    R visitEntry(Entry e);
    /** An operator of the table: its facets say how (see {@link Operator}). */
    R visitCall(Call e);
    /** An unexpanded derivative operator: only the typer's output and claims have them. */
    R visitDerivative(Derivative e);
}
