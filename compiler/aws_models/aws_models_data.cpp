// The embedded AWS service table: compiler/aws_models/aws_models.txt, included byte for byte by the
// assembler so that neither the build nor the table's size depends on a C++ string literal.
#if !defined(CAIOS_AWS_MODELS_FILE) || !defined(CAIOS_AWS_MODELS_SHA256)
#error "CAIOS_AWS_MODELS_FILE and CAIOS_AWS_MODELS_SHA256 come from CMakeLists.txt"
#endif

__asm__(
    ".pushsection .rodata\n"
    ".global caios_aws_models_begin\n"
    ".global caios_aws_models_end\n"
    "caios_aws_models_begin:\n"
    ".incbin \"" CAIOS_AWS_MODELS_FILE
    "\"\n"
    "caios_aws_models_end:\n"
    ".byte 0\n"
    ".popsection\n"
    // The table's hash, so a compiler cache sees a new table as a new source.
    ".pushsection .comment\n"
    ".ascii \"caios-aws-models " CAIOS_AWS_MODELS_SHA256
    "\"\n"
    ".popsection\n");
