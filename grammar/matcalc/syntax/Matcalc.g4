// The matcalc input language. No embedded actions: AstBuilder turns parse trees into syntax
// trees. Products are written with '*' or by juxtaposition (X^T A X, 2 x); a juxtaposed operand
// never starts with a sign, so "a - b" is always a difference.
grammar Matcalc;

expression : expr EOF ;
equation   : lhs=expr '=' rhs=expr EOF ;
program    : sep* statement (sep+ statement)* sep* EOF ;
statement  : ID '=' expr                      # binding
           | expr                             # bareExpr
           ;
sep        : ';' | NEWLINE ;

expr       : term (addOp term)* ;
// '−' (U+2212) is the minus sign pasted from papers and PDFs.
addOp      : '+' | '-' | '−' ;
term       : unary (mulOp unary | power)* ;
// Also the symbols papers use: ⊙ ∘ (Hadamard), ⊘ (element-wise division), · (product), ⊗ (Kronecker),
// and NumPy's @ (the matrix product).
mulOp      : '*' | '/' | '.*' | './' | '⊙' | '∘' | '⊘' | '·' | '⊗' | '@' | '\\odot' | '\\circ' | '\\otimes' | '\\cdot' ;
// Signs as a flat list, not a recursion: 50,000 of them parse in linear time and constant depth.
unary      : sign* power ;
sign       : '-' | '+' | '−' ;
power      : primary suffix* ;
suffix     : ('\'' | 'ᵀ' | '⊤')                # primeSuffix
           | ('⁻¹' | '²' | '³')               # superscriptSuffix
           | '^' exponent                     # powSuffix
           | '.^' exponent                    # elemPowSuffix
           | '[' expr (',' expr)? ']'         # indexSuffix
           ;
exponent   : '{' expr '}'                     # bracedExponent
           | '(' expr ')'                     # parenExponent
           | ('-' | '−')? (NUMBER | ID)       # atomExponent
           | ('⊤' | '\\top' | '{' '\\top' '}')   # topExponent
           ;
// f'(x), f''(x): the derivatives of a declared function ("f: function"); x'(y) of a variable is x^T (y).
primary    : ID primes+='\''* '(' (expr (',' expr)*)? ')'   # call
           | NUMBER                           # number
           | ID                               # name
           | '(' expr ')'                     # parens
           | '[' matrixRow (';' matrixRow)* ']' # matrixLiteral
           // LaTeX as papers write it: \operatorname{tr}(X), \mathbf{x}, \log, \frac{1}{2}, \|x\|_2
           | latex '(' (expr (',' expr)*)? ')' # latexCall
           | latex                            # latexName
           | '\\mathbf{1}'                    # latexOnes
           | '\\frac' '{' num=expr '}' '{' den=expr '}' # latexFrac
           | '\\|' expr '\\|' ID?              # latexNorm
           ;
latex      : LATEX_WORD | LATEX_CMD ;
matrixRow  : signedNumber (','? signedNumber)* ;
signedNumber : ('-' | '−')? NUMBER ;

// No trailing-dot numbers ("2."): x.^2.^2 and 2.^x are element-wise powers, as in MATLAB.
NUMBER     : DIGITS ('.' DIGITS)? EXPONENT? | '.' DIGITS EXPONENT? ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
// Letters, not modifier letters or superscripts: Xᵀ is X transposed, x² is x squared.
ID         : [\p{Lu}\p{Ll}\p{Lt}\p{Lo}_] [\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}_]* ;
// \operatorname{tr}, \mathrm{tr}, \mathbf{x}: the name inside; \left and \right are only sizing.
LATEX_WORD : '\\' ('operatorname' | 'mathrm' | 'mathbf' | 'boldsymbol' | 'mathit') '{' [a-zA-Z]+ [0-9]* '}' ;
LATEX_SPACE : ('\\left' | '\\right' | '\\,' | '\\;' | '\\!' | '\\quad') -> skip ;
LATEX_CMD  : '\\' [a-zA-Z]+ ;
NEWLINE    : '\r'? '\n' ;
// Kept on the hidden channel, not skipped: Parse refuses a comment inside a single expression.
COMMENT    : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS         : [ \t\u00A0]+ -> skip ;
ANY        : . ;
