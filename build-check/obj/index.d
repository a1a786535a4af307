build-check/obj/index.o: src/index.c src/index.h src/tokenize.h
src/index.h:
src/tokenize.h:
