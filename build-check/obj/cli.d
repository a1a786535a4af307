build-check/obj/cli.o: src/cli.c src/cli.h src/lang.h src/doc.h \
 src/store.h src/text.h src/search.h
src/cli.h:
src/lang.h:
src/doc.h:
src/store.h:
src/text.h:
src/search.h:
