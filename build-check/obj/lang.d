build-check/obj/lang.o: src/lang.c src/lang.h
src/lang.h:
