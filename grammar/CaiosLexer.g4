// The token vocabulary of .caios. This grammar is the specification; compiler/parse/lexer.cpp is
// the fast implementation used by the compiler, and tests/unit/lexer_conformance_test.cpp checks
// that both produce the same tokens. Newline-driven `;` insertion (see docs/language.md, "Lines")
// is applied to the output of either lexer by the same function.
lexer grammar CaiosLexer;

// Reserved keywords.
APP: 'app';
IMPORT: 'import';
TYPE: 'type';
TABLE: 'table';
BUCKET: 'bucket';
QUEUE: 'queue';
TOPIC: 'topic';
STREAM: 'stream';
EVENTS: 'events';
CONNECTION: 'connection';
FUNCTION: 'function';
FLOW: 'flow';
API: 'api';
SCHEDULE: 'schedule';
ON: 'on';
POLICY: 'policy';
LET: 'let';
IF: 'if';
ELSE: 'else';
SWITCH: 'switch';
CASE: 'case';
DEFAULT: 'default';
WHILE: 'while';
BREAK: 'break';
CONTINUE: 'continue';
FOR: 'for';
IN: 'in';
PARALLEL: 'parallel';
BRANCH: 'branch';
TRY: 'try';
CATCH: 'catch';
RETRY: 'retry';
FAIL: 'fail';
RETURN: 'return';
YIELD: 'yield';
WAIT: 'wait';
UNTIL: 'until';
RUN: 'run';
START: 'start';
AWAIT: 'await';
TRUE: 'true';
FALSE: 'false';
NULL_LIT: 'null';
AND: 'and';
OR: 'or';
NOT: 'not';
AS: 'as';
TASK_TOKEN: 'task_token';

// Contextual keywords: reserved only where the grammar expects them (see `ident`).
CONCURRENCY: 'concurrency';
BATCH: 'batch';
TOLERATE: 'tolerate';
DISTRIBUTED: 'distributed';
EXPRESS: 'express';
STANDARD: 'standard';
TIMEOUT: 'timeout';
HEARTBEAT: 'heartbeat';
ATTEMPTS: 'attempts';
INTERVAL: 'interval';
BACKOFF: 'backoff';
MAX: 'max';
JITTER: 'jitter';
RESULTS: 'results';
LOGGING: 'logging';
TRACING: 'tracing';
NAME_WORD: 'name';
QUERY: 'query';
DETAILS: 'details';
TEST: 'test';
MOCK: 'mock';
EXPECT: 'expect';
RETURNS: 'returns';
FAILS: 'fails';
TIMES: 'times';
EXISTING: 'existing';
SECRET: 'secret';
PARAMETER: 'parameter';

// Punctuation and operators.
ARROW: '->';
FAT_ARROW: '=>';
QQ: '??';
EQ: '==';
NE: '!=';
LE: '<=';
GE: '>=';
AND_AND: '&&';
OR_OR: '||';
LT: '<';
GT: '>';
ASSIGN: '=';
BANG: '!';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
QUESTION: '?';
COLON: ':';
SEMI: ';';
COMMA: ',';
DOT: '.';
LPAREN: '(';
RPAREN: ')';
LBRACK: '[';
RBRACK: ']';
LBRACE: '{';
RBRACE: '}';

// Literals. A duration is digits directly followed by a unit; `2x` is an error, not two tokens.
DURATION: DIGITS ('ms' | 's' | 'm' | 'h' | 'd');
NUMBER: DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT;
INT: DIGITS;
STRING: '"' (ESCAPE | INTERPOLATION | ~["\\\r\n$] | '$')* '"';
IDENT: [a-zA-Z_] [a-zA-Z_0-9]*;

fragment DIGITS: [0-9]+;
fragment EXPONENT: [eE] [+-]? DIGITS;
fragment ESCAPE: '\\' (["\\/bfnrt$] | 'u' HEX HEX HEX HEX);
fragment HEX: [0-9a-fA-F];
// `${ expr }` inside a string; the expression may hold strings without `"` or `}` of their own.
fragment INTERPOLATION: '${' (~[}"\r\n] | '"' ~["\r\n}]* '"')* '}';

LINE_COMMENT: '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
NEWLINE: ('\r'? '\n' | '\r') -> channel(HIDDEN);
WS: [ \t\f]+ -> channel(HIDDEN);
