# Turns a UTF-8 text file into a C++ source defining `const char* const NAME`.
file(READ ${INPUT} CONTENT)
file(WRITE ${OUTPUT} "namespace fieldgrid {\nextern const char* const ${NAME};\nconst char* const ${NAME} = R\"FGDATA(${CONTENT})FGDATA\";\n}\n")
