# Run after ANTLR 4.9 generates a recognizer (cmake -DFILE=<Name>.cpp -DCLASS=<Name>
# -DSIMULATOR=<Parser|Lexer> -P lazy_atn.cmake): the recognizer deserializes its ATN when the
# first one is constructed instead of when the program starts. The generated code does it in
# the constructor of a static `Initializer` object, which every run of caios paid for (about
# 3 M instructions), although the compiler builds its ASTs with the hand-written parser and
# constructs ANTLR's only for a declaration with a syntax error (docs/performance.md).
file(READ "${FILE}" text)
set(static_init "${CLASS}::Initializer ${CLASS}::_init;")
set(construct "  _interpreter = new atn::${SIMULATOR}ATNSimulator(")
string(FIND "${text}" "${static_init}" at_init)
string(FIND "${text}" "${construct}" at_construct)
if(at_init EQUAL -1 OR at_construct EQUAL -1)
  message(FATAL_ERROR "lazy_atn.cmake: ${FILE} is not shaped as ANTLR 4.9 generates it")
endif()
string(REPLACE "${static_init}" "// (initialized by the first constructor: grammar/lazy_atn.cmake)"
  text "${text}")
# A function-local static: initialized once, thread-safe, before the simulator reads the ATN.
string(REPLACE "${construct}" "  static const Initializer lazy_init;\n${construct}" text "${text}")
file(WRITE "${FILE}" "${text}")
