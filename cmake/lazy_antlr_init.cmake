# Makes the ANTLR-generated lexer and parser build their ATN when the first one is constructed,
# instead of during static initialisation. ANTLR 4.7.2's C++ target deserialises both ATNs in a
# static `_init` object, which every run of `koers` paid (~1 ms), even `koers --version` and every
# run that reads its rules from the parse cache and never lexes a byte.
#
# Called after the ANTLR tool with -DFILE=<generated .cpp> -DCLASS=<class name>. Fails loudly when
# the generated code does not look as expected (another ANTLR version), rather than build something
# that initialises twice or never.
file(READ ${FILE} code)
set(definition "${CLASS}::Initializer ${CLASS}::_init;")
string(FIND "${code}" "${definition}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "lazy_antlr_init: `${definition}` not found in ${FILE}")
endif()
string(REPLACE "${definition}" "// (initialised lazily by the constructor, see cmake/lazy_antlr_init.cmake)" code "${code}")
string(REGEX MATCH "${CLASS}::${CLASS}\\([A-Za-z]+ \\*input\\) : [A-Za-z]+\\(input\\) {" constructor "${code}")
if(constructor STREQUAL "")
  message(FATAL_ERROR "lazy_antlr_init: the constructor of ${CLASS} not found in ${FILE}")
endif()
# A function-local static: built once, thread-safe, before the interpreter below reads the ATN.
string(REPLACE "${constructor}" "${constructor}\n  static const Initializer lazy_init;\n  (void)lazy_init;" code "${code}")
file(WRITE ${FILE} "${code}")
