// The syntax of .caios. The compiler parses one top-level declaration at a time (rule
// `declaration`), so only one declaration's parse tree is alive at once; compiler/parse turns it
// into the owned AST straight away. Expressions use one rule per precedence level with loops
// instead of left recursion: the trees stay flat and SLL prediction stays cheap.
parser grammar CaiosParser;

// CaiosParserBase and CaiosRuleContext (grammar/caios_parser_base.h) replace per-rule steps and
// child accessors of the runtime with cheaper equivalents; they add no syntax. They rely on no
// alternative being labelled (`# Label`), which would derive context classes from others.
options {
    tokenVocab = CaiosLexer;
    superClass = CaiosParserBase;
    contextSuperClass = CaiosRuleContext;
}

@parser::postinclude { #include "caios_parser_base.h" }

declaration: topDecl EOF;

// The expression inside `${...}` of an interpolated string, parsed on its own.
standaloneExpr: expr EOF;

// A whole file; used by tests and tools, not by the compiler (see above).
file: SEMI* (topDecl (SEMI+ topDecl)*)? SEMI* EOF;

topDecl
    : appDecl
    | importDecl
    | typeDecl
    | resourceDecl
    | policyDecl
    | functionDecl
    | flowDecl
    | apiDecl
    | scheduleDecl
    | triggerDecl
    | testDecl
    ;

appDecl: APP ident;

// import "./shared.caios"  |  import std.retry
importDecl: IMPORT (STRING | name (DOT name)*);

typeDecl: TYPE ident (recordType | ASSIGN typeRef);

resourceDecl: resourceKind ident (COLON typeRef)? optionBlock?;

resourceKind: TABLE | BUCKET | QUEUE | TOPIC | STREAM | EVENTS | CONNECTION | SECRET | PARAMETER;

// policy Standard retry { on States.ALL attempts 3 }
policyDecl: POLICY ident RETRY retryBody;

functionDecl: FUNCTION ident paramList (ARROW typeRef)? optionBlock;

flowDecl: FLOW ident paramList (ARROW typeRef)? flowOption* (block | existingBody);

// `{ existing "NAME-OR-ARN" }` | `{ existing [arn] param P }`: a state machine outside the
// application, which the flow's signature types (docs/language.md, section 4).
existingBody: LBRACE SEMI* EXISTING (STRING | name name name?) SEMI* RBRACE;

flowOption
    : EXPRESS
    | STANDARD
    | TIMEOUT DURATION
    | LOGGING ident
    | TRACING
    | QUERY ident
    // `uses R(perm, ...), ...`: the flow's own grants (the builder accepts only `uses` here)
    | IDENT optionArg (COMMA optionArg)*
    ;

apiDecl: API ident LBRACE SEMI* (apiMember (SEMI+ apiMember)*)? SEMI* RBRACE;

// A route, or an option of the whole API (`rate 100`, `burst 50`).
apiMember: route | option;

// POST "/orders" -> start checkout
// POST "/orders" { rate 10; burst 20 } -> start checkout
route: ident STRING optionBlock? ARROW target;

// schedule nightly "cron(0 2 * * ? *)" { timezone "Europe/Paris"; retries 3 } -> start cleanup
scheduleDecl: SCHEDULE ident? STRING optionBlock? ARROW target;

// on Shipping.message batch 10 -> ship
// The event is a word, or a quoted EventBridge detail type (`on Bus."Order Placed"`).
triggerDecl: ON ident DOT (name | STRING) triggerOption* ARROW target;

triggerOption: name optionArg?;

target: (START | RUN)? ident;

// test "a paid order is confirmed" { mock charge returns {…}; let r = run checkout(o); expect … }
// Only in *.test.caios files (docs/testing.md); `expect` only in a test, `mock` only at a test's
// top level (the builder reports them elsewhere).
testDecl: TEST STRING block;

// mock charge returns { id: "c-1" }  |  mock charge fails Declined("card declined") times 2
// mock aws.s3.getObject fails S3.NoSuchKeyException("gone")
// mock http.post "https://api.example.com/v1/*" returns { status: 503 } times 2
mockStmt: MOCK word STRING? (RETURNS expr | FAILS word (LPAREN expr? RPAREN)?) (TIMES INT)?;

// expect r.total == 10  |  expect run checkout(o) fails CheckoutFailed("order o-1: declined")
expectStmt: EXPECT expr (FAILS word (LPAREN STRING RPAREN)?)?;

paramList: LPAREN (param (COMMA param)* COMMA?)? RPAREN;

// `(whole event: json)`: the one parameter is the whole payload or input (the builder accepts
// only `whole` before the name). Function parameters are payload keys: any word or a string.
param: IDENT? (name | STRING) QUESTION? COLON typeRef;

// Options of resources and functions: `name arg, arg` lines, checked per kind by compiler/check.
optionBlock: LBRACE SEMI* (option (SEMI+ option)*)? SEMI* RBRACE;

option: name (optionArg (COMMA? optionArg)*)?;

optionArg
    : literal
    | DURATION
    | INT PERCENT
    | word COLON optionType
    | word (LPAREN (word (COMMA word)*)? RPAREN)?
    | objectLit
    | arrayLit
    ;

// python3.12, nodejs20.x, Lambda.TooManyRequestsException
word: name (DOT (name | INT))*;

// ---- types

typeRef: typeAtom (QUESTION | LBRACK RBRACK)*;

// The type of a typed option argument (`key id: string`) takes no `[]` suffix: an array
// literal may follow as the next argument, and that ambiguity made every `[]` decision look
// ahead to the end of a run of suffixes (quadratic in its length). Key types are scalars.
optionType: typeAtom QUESTION*;

typeAtom
    : ident
    | NULL_LIT
    | LBRACK typeRef RBRACK
    | recordType
    | LPAREN typeRef RPAREN
    ;

recordType: LBRACE (SEMI | COMMA)* (fieldType ((SEMI | COMMA)+ fieldType)*)? (SEMI | COMMA)* RBRACE;

// A field name is any word, or a string for names that are not words (`"test-run-id"`).
fieldType: (name | STRING) QUESTION? COLON typeRef;

// ---- statements

block: LBRACE SEMI* (statement (SEMI+ statement)*)? SEMI* RBRACE;

statement
    : letStmt
    | ifStmt
    | switchStmt
    | whileStmt
    | forStmt
    | parallelStmt
    | tryStmt
    | failStmt
    | returnStmt
    | yieldStmt
    | waitStmt
    | BREAK
    | CONTINUE
    | expectStmt
    | mockStmt
    | assignOrExprStmt
    ;

letStmt: LET ident (COLON typeRef)? ASSIGN rhs;

// An assignment or a bare expression (a call, usually), with the task clauses of a call.
assignOrExprStmt: expr (ASSIGN rhs | taskClause*);

// The right-hand side of let/assign: an expression, or a parallel/for whose yields it collects.
rhs: expr taskClause* | parallelStmt | forStmt;

taskClause
    : RETRY retryBody
    | TIMEOUT (DURATION | postfixExpr)
    | HEARTBEAT (DURATION | postfixExpr)
    | NAME_WORD postfixExpr
    | DETAILS
    ;

retryBody: LBRACE SEMI* (retryRule (SEMI+ retryRule)*)? SEMI* RBRACE | ident;

retryRule: ON errorList retrySetting* | ident;

retrySetting
    : ATTEMPTS INT
    | INTERVAL DURATION
    | BACKOFF (NUMBER | INT)
    | MAX DURATION
    | JITTER
    ;

errorList: errorName (COMMA errorName)*;

errorName: word | STRING | STAR;

// `else if` is a loop, not recursion, so long chains do not deepen the tree.
ifStmt: IF expr block (SEMI? ELSE IF expr block)* (SEMI? ELSE block)?;

switchStmt: SWITCH expr LBRACE SEMI* (switchCase SEMI*)* RBRACE;

switchCase: CASE expr (COMMA expr)* block | DEFAULT block;

whileStmt: WHILE expr block;

// `for x in xs` or, with the item's index, `for i, x in xs`
forStmt: FOR ident (COMMA ident)? IN expr forClause* block;

forClause
    : CONCURRENCY INT
    | BATCH (INT (IDENT INT)? | IDENT INT)  // IDENT: `batch 10 concurrency 5` is two clauses
    | TOLERATE INT PERCENT?
    | DISTRIBUTED (EXPRESS | STANDARD)?
    | RESULTS ident STRING?
    ;

parallelStmt: PARALLEL LBRACE SEMI* (branch SEMI*)* RBRACE;

branch: BRANCH block;

tryStmt: TRY block (SEMI? catchClause)+;

catchClause: CATCH errorList? (AS ident)? block;

failStmt: FAIL word (LPAREN expr? RPAREN)?;

returnStmt: RETURN expr?;

yieldStmt: YIELD expr;

waitStmt: WAIT (UNTIL expr | DURATION | expr);

// ---- expressions
// An expression is a flat list of operands and binary operators; compiler/parse/build_exprs.cpp
// applies precedence (lowest first: `??`, `or`, `and`, `not`, comparisons, `+ -`, `* / %`) by
// precedence climbing. One rule per precedence level would enter eight rules per operand, which
// was most of the parse time.
expr
    : operand (
        (QQ | OR | OR_OR | AND | AND_AND | EQ | NE | LT | LE | GT | GE | IN
        | PLUS | MINUS | STAR | SLASH | PERCENT) operand
      )*
    ;

// `-x` binds tightest; `not x == y` means `not (x == y)` (see build_exprs.cpp).
operand: (NOT | BANG | MINUS)* postfixExpr;

postfixExpr: primary postfixOp*;

postfixOp
    : DOT (name | STRING)
    | LBRACK expr RBRACK
    | LPAREN (arg (COMMA arg)* COMMA?)? RPAREN
    ;

arg: ((name | STRING) COLON)? expr;

// Literals and names are spelled out here rather than through `literal` and `ident`: operands
// are the most frequent rule, and each nested rule costs a rule entry per operand.
primary
    : STRING | INT | NUMBER | TRUE | FALSE | NULL_LIT
    | TASK_TOKEN
    | IDENT
    | CONCURRENCY | BATCH | TOLERATE | DISTRIBUTED | EXPRESS | STANDARD | TIMEOUT | HEARTBEAT
    | ATTEMPTS | INTERVAL | BACKOFF | MAX | JITTER | RESULTS | LOGGING | TRACING | NAME_WORD
    | QUERY | DETAILS | TEST | MOCK | EXPECT | RETURNS | FAILS | TIMES | EXISTING | SECRET | PARAMETER
    | objectLit
    | arrayLit
    | LPAREN expr RPAREN
    | RUN postfixExpr
    | START postfixExpr
    | AWAIT postfixExpr
    ;

literal: STRING | INT | NUMBER | TRUE | FALSE | NULL_LIT;

objectLit: LBRACE (SEMI | COMMA)* (objectField ((SEMI | COMMA)+ objectField)*)? (SEMI | COMMA)* RBRACE;

objectField: (name | STRING) (COLON expr)?;

arrayLit: LBRACK (expr (comprehension | (COMMA expr)* COMMA?))? RBRACK;

// `[o.id for o in orders if o.total > 10]`: the first expression of the array, once per element
// of the source that the condition keeps (docs/language.md, "Filter and map").
comprehension: FOR ident IN expr (IF expr)?;

// A name that may be a contextual keyword (keep in step with `primary`).
ident
    : IDENT
    | CONCURRENCY | BATCH | TOLERATE | DISTRIBUTED | EXPRESS | STANDARD | TIMEOUT | HEARTBEAT
    | ATTEMPTS | INTERVAL | BACKOFF | MAX | JITTER | RESULTS | LOGGING | TRACING | NAME_WORD
    | QUERY | DETAILS | TEST | MOCK | EXPECT | RETURNS | FAILS | TIMES | EXISTING | SECRET | PARAMETER
    ;

// Field and option names may be any word, reserved or not.
name
    : ident
    | APP | IMPORT | TYPE | TABLE | BUCKET | QUEUE | TOPIC | STREAM | EVENTS | CONNECTION
    | FUNCTION | FLOW | API | SCHEDULE | ON | POLICY | LET | IF | ELSE | SWITCH | CASE | DEFAULT
    | WHILE | BREAK | CONTINUE | FOR | IN | PARALLEL | BRANCH | TRY | CATCH | RETRY | FAIL
    | RETURN | YIELD | WAIT | UNTIL | RUN | START | AWAIT | TRUE | FALSE | NULL_LIT | AND | OR | NOT
    | AS | TASK_TOKEN
    ;
