build-check/obj/mkdb.o: src/mkdb.c src/index.h
src/index.h:
