build-check/obj/store.o: src/store.c src/store.h src/index.h src/text.h
src/store.h:
src/index.h:
src/text.h:
