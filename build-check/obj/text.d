build-check/obj/text.o: src/text.c src/text.h
src/text.h:
