package matcalc.syntax;

public interface AstVisitor<R> {
    R visitNumber(Ast.Number n);
    R visitName(Ast.Name n);
    R visitCall(Ast.Call c);
    R visitBinary(Ast.Binary b);
    R visitNegate(Ast.Negate n);
    R visitPrime(Ast.Prime p);
    R visitPower(Ast.Power p);
    R visitElemPower(Ast.ElemPower p);
    R visitIndex(Ast.Index i);
    R visitMatrix(Ast.Matrix m);
}
