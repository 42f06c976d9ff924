// The embedded AWS service table: compiler/check/aws_models.txt, included byte for byte by the
// assembler so that neither the build nor the table's size depends on a C++ string literal.
#ifndef CAIOS_AWS_MODELS_FILE
#error "CAIOS_AWS_MODELS_FILE must name compiler/check/aws_models.txt (see CMakeLists.txt)"
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
    ".popsection\n");
