build-asan/obj/store.o: src/store.c src/store.h src/index.h
src/store.h:
src/index.h:
